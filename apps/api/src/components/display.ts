import { ViewDescription, type ViewBlock } from '@conflux/contracts';
import { runScript, type JsonValue } from '@conflux/engine';

export interface RenderedView {
  view: ViewDescription;
  /** Why the display function's view could not be used (the default view is shown instead). */
  error?: string;
}

type Scalar = string | number | boolean | null;
const MAX_PAIRS = 200;
const MAX_COLUMNS = 50;
const MAX_ROWS = 1_000;
const MAX_TEXT = 2_000;

const isScalar = (value: unknown): value is Scalar => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const short = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** A value that is not a scalar, as short readable text (the last resort for deep nesting). */
function asText(value: unknown): Scalar {
  if (isScalar(value)) return typeof value === 'string' ? short(value) : value;
  if (Array.isArray(value) && value.every(isScalar)) return short(value.map((item) => String(item)).join(', '));
  return short(JSON.stringify(value) ?? '');
}

/** Flattens nested objects into "a.b" keys; arrays of scalars become "x, y". */
function flatten(value: Record<string, unknown>, prefix = '', into: Array<[string, unknown]> = []): Array<[string, unknown]> {
  for (const [key, child] of Object.entries(value)) {
    const label = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && Object.keys(child).length > 0) flatten(child, label, into);
    else into.push([label, child]);
  }
  return into;
}

function table(rows: Array<Record<string, unknown>>): ViewBlock {
  const flatRows = rows.slice(0, MAX_ROWS).map((row) => new Map(flatten(row)));
  const columns: string[] = [];
  for (const row of flatRows) for (const column of row.keys()) if (!columns.includes(column) && columns.length < MAX_COLUMNS) columns.push(column);
  return { type: 'table', columns, rows: flatRows.map((row) => columns.map((column) => (row.has(column) ? asText(row.get(column)) : null))) };
}

/**
 * The view shown without a display function (or when it fails): a readable key-value view
 * of the output, nested objects flattened into "a.b" labels, arrays of objects as tables.
 */
export function defaultView(output: unknown): ViewDescription {
  if (output === undefined || output === null || (isPlainObject(output) && Object.keys(output).length === 0)) {
    return { blocks: [{ type: 'message', tone: 'info', text: 'The run finished without a result to show.' }] };
  }
  if (Array.isArray(output)) {
    if (output.length > 0 && output.every(isPlainObject)) return { blocks: [table(output)] };
    return { blocks: [{ type: 'list', items: output.slice(0, MAX_ROWS).map(asText) }] };
  }
  if (!isPlainObject(output)) return { blocks: [{ type: 'keyValue', pairs: [{ label: 'Result', value: asText(output) }] }] };

  const pairs: Array<{ label: string; value: Scalar }> = [];
  const tables: ViewBlock[] = [];
  for (const [label, value] of flatten(output)) {
    if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      pairs.push({ label, value: `${value.length} ${value.length === 1 ? 'row' : 'rows'} (table below)` });
      tables.push(table(value));
    } else pairs.push({ label, value: asText(value) });
  }
  const blocks: ViewBlock[] = [];
  if (pairs.length) blocks.push({ type: 'keyValue', pairs: pairs.slice(0, MAX_PAIRS) });
  return { blocks: [...blocks, ...tables.slice(0, 50 - blocks.length)] };
}

/**
 * A run's output as the end user sees it. With a display function, the function runs in the
 * sandbox (the output is its `item`; it `return`s a ViewDescription). A function that fails
 * or returns something that is not a view falls back to the default view, with the reason.
 */
export async function renderView(displayFunction: string | null | undefined, output: unknown): Promise<RenderedView> {
  if (!displayFunction?.trim()) return { view: defaultView(output) };
  const fallback = (error: string): RenderedView => ({ view: defaultView(output), error });
  try {
    const result = await runScript({ code: displayFunction, input: (output ?? null) as JsonValue, timeoutMs: 1000 });
    if (!result.ok) {
      const where = result.error.line ? ` (line ${result.error.line})` : '';
      return fallback(`The display function failed${where}: ${result.error.message}`);
    }
    if (result.returned === undefined) return fallback('The display function returned nothing: return a view such as { title: "…", blocks: [...] }.');
    const view = ViewDescription.safeParse(result.returned);
    if (!view.success) {
      const issue = view.error.issues[0]!;
      const path = issue.path.filter((part) => typeof part !== 'symbol').join('.');
      return fallback(`The display function returned an invalid view: ${path ? `${path}: ` : ''}${issue.message}`);
    }
    return { view: view.data };
  } catch (error) {
    return fallback(`The display function could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
