import type { Dataflow, Endpoint, HttpMethod, MappingValue, Pagination, ParameterMapping, SaveDraftRequest, Step, StepInput, StepType } from '@conflux/contracts';
import { keyFromName } from '@/lib/key-from-name';
import { stepTypeInfo } from './step-types';

/**
 * What the editor holds while the admin works: the steps as forms see them (numbers as the
 * text typed, rows with ids for React, literal values as text), converted to the contract's
 * shape only to save. The server's schema and checks stay the one source of truth.
 */

let lastId = 0;
/** A client-side id for a step card or a table row: stable while the list is reordered. */
export const nextUid = () => ++lastId;

export interface MappingDraft {
  kind: 'expression' | 'literal';
  text: string;
}
export const emptyExpression = (): MappingDraft => ({ kind: 'expression', text: '' });

export interface ParameterRow {
  rowId: number;
  in: ParameterMapping['in'];
  name: string;
  value: MappingDraft;
  /** Prefilled from an optional parameter of the endpoint: left empty, it is not sent. */
  optional: boolean;
}
export interface FieldRow {
  rowId: number;
  path: string;
  value: MappingDraft;
}
export interface PropertyRow {
  rowId: number;
  property: string;
  value: MappingDraft;
}

/** Every pagination setting at once, so switching the type back and forth keeps what was typed. */
export interface PaginationDraft {
  type: Pagination['type'];
  nextUrl: string;
  items: string;
  parameter: string;
  firstPage: string;
  limitParameter: string;
  limit: string;
  nextCursor: string;
  maxPages: string;
}

export interface ConfigDrafts {
  input: { mode: 'form' | 'raw' | 'empty' };
  execute_script: { code: string; timeoutMs: string };
  execute_api_call: {
    resultStoreField: string;
    systemId: string;
    connectorId: string;
    endpointId: string;
    method: HttpMethod;
    parameters: ParameterRow[];
    successStatuses: string;
    result: { kind: 'body' | 'response' | 'expression'; source: string };
    pagination: PaginationDraft;
  };
  transform_model: { fields: FieldRow[]; keepModel: boolean };
  filter: { condition: string };
  update_entry: { componentId: string; operation: 'create' | 'update' | 'delete'; recordId: MappingDraft; fields: PropertyRow[]; resultStoreField: string };
  write_response: { mode: 'model' | 'mapping'; fields: FieldRow[] };
}

interface StepDraftBase {
  uid: number;
  id: string;
  /** The id follows the name until the admin edits it. */
  idEdited: boolean;
  name: string;
  sourceStepId: string;
}
export type StepDraftOf<T extends StepType> = StepDraftBase & { type: T; config: ConfigDrafts[T] };
export type StepDraft = { [T in StepType]: StepDraftOf<T> }[StepType];

export interface DataflowDraft {
  name: string;
  description: string;
  /** Not edited here yet; kept as loaded. */
  inputSchema: Record<string, unknown> | null;
  steps: StepDraft[];
}

// ---------------------------------------------------------------- literal values

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A literal as typed: JSON (42, true, null, {"a": 1}, "quoted") is taken as that value, any
 * other text as a string. Strings that would read as JSON are shown quoted, so they stay strings.
 */
export function literalText(value: unknown): string {
  if (typeof value === 'string') return value !== '' && parsesAsJson(value) ? JSON.stringify(value) : value;
  return value === undefined ? '' : JSON.stringify(value);
}
export function literalValue(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function mappingFrom(value: MappingValue | undefined): MappingDraft {
  if (!value) return emptyExpression();
  return value.kind === 'expression' ? { kind: 'expression', text: value.source } : { kind: 'literal', text: literalText(value.value) };
}
export function mappingTo(draft: MappingDraft): MappingValue {
  return draft.kind === 'expression' ? { kind: 'expression', source: draft.text } : { kind: 'literal', value: literalValue(draft.text) };
}
const isBlank = (draft: MappingDraft) => draft.kind === 'expression' && draft.text.trim() === '';

/** A number field: blank leaves the contract's default, anything else is sent for the schema to judge. */
function numberOrDefault(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
const numberText = (value: number | undefined) => (value === undefined ? '' : String(value));

// ---------------------------------------------------------------- new steps

export function defaultConfig<T extends StepType>(type: T): ConfigDrafts[T] {
  const configs: ConfigDrafts = {
    input: { mode: 'raw' },
    execute_script: { code: '// item is the model: read its fields and set new ones.\nitem.greeting = `Hello ${item.name ?? "world"}`;\n', timeoutMs: '1000' },
    execute_api_call: {
      resultStoreField: '',
      systemId: '',
      connectorId: '',
      endpointId: '',
      method: 'GET',
      parameters: [],
      successStatuses: '2xx',
      result: { kind: 'body', source: '' },
      pagination: paginationFrom({ type: 'none' }),
    },
    transform_model: { fields: [{ rowId: nextUid(), path: '', value: emptyExpression() }], keepModel: true },
    filter: { condition: '' },
    update_entry: { componentId: '', operation: 'create', recordId: emptyExpression(), fields: [], resultStoreField: 'recordId' },
    write_response: { mode: 'model', fields: [] },
  };
  return configs[type];
}

/** A step id from its name, unique among `taken`: "Get weather" → get-weather, get-weather-2… */
export function uniqueStepId(name: string, taken: readonly string[]): string {
  const base = keyFromName(name).replace(/[^A-Za-z0-9_-]/g, '') || 'step';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function newStep(type: StepType, steps: readonly StepDraft[]): StepDraft {
  const name = stepTypeInfo[type].label;
  return {
    uid: nextUid(),
    id: uniqueStepId(name, steps.map((step) => step.id)),
    idEdited: false,
    name,
    // The previous step, the usual chain; the first step has none.
    sourceStepId: steps.at(-1)?.id ?? '',
    type,
    config: defaultConfig(type),
  } as StepDraft;
}

// ---------------------------------------------------------------- from the contract

function paginationFrom(pagination: Pagination): PaginationDraft {
  const draft: PaginationDraft = {
    type: pagination.type,
    nextUrl: '',
    items: '',
    parameter: '',
    firstPage: '1',
    limitParameter: '',
    limit: '100',
    nextCursor: '',
    maxPages: '10',
  };
  if (pagination.type === 'none') return draft;
  draft.items = pagination.items;
  draft.maxPages = numberText(pagination.maxPages);
  if (pagination.type === 'next_url') draft.nextUrl = pagination.nextUrl;
  if (pagination.type === 'page') Object.assign(draft, { parameter: pagination.parameter, firstPage: numberText(pagination.firstPage) });
  if (pagination.type === 'offset') {
    Object.assign(draft, { parameter: pagination.parameter, limitParameter: pagination.limitParameter, limit: numberText(pagination.limit) });
  }
  if (pagination.type === 'cursor') Object.assign(draft, { parameter: pagination.parameter, nextCursor: pagination.nextCursor });
  return draft;
}

function configFrom(step: Step): ConfigDrafts[StepType] {
  switch (step.type) {
    case 'input':
      return { mode: step.config.mode };
    case 'execute_script':
      return { code: step.config.code, timeoutMs: numberText(step.config.timeoutMs) };
    case 'execute_api_call': {
      const { config } = step;
      return {
        resultStoreField: config.resultStoreField,
        systemId: config.systemId,
        connectorId: config.connectorId,
        endpointId: config.endpointId,
        method: config.method,
        parameters: config.parameters.map((parameter) => ({ rowId: nextUid(), in: parameter.in, name: parameter.name, value: mappingFrom(parameter.value), optional: false })),
        successStatuses: config.successStatuses,
        result: config.result.kind === 'expression' ? { kind: 'expression', source: config.result.source } : { kind: config.result.kind, source: '' },
        pagination: paginationFrom(config.pagination),
      };
    }
    case 'transform_model':
      return { fields: step.config.fields.map((field) => ({ rowId: nextUid(), path: field.path, value: mappingFrom(field.value) })), keepModel: step.config.keepModel };
    case 'filter':
      return { condition: step.config.condition };
    case 'update_entry':
      return {
        componentId: step.config.componentId,
        operation: step.config.operation,
        recordId: mappingFrom(step.config.recordId),
        fields: step.config.fields.map((field) => ({ rowId: nextUid(), property: field.property, value: mappingFrom(field.value) })),
        resultStoreField: step.config.resultStoreField,
      };
    case 'write_response':
      return { mode: step.config.mode, fields: step.config.fields.map((field) => ({ rowId: nextUid(), path: field.path, value: mappingFrom(field.value) })) };
  }
}

export function draftFrom(dataflow: Dataflow): DataflowDraft {
  return {
    name: dataflow.name,
    description: dataflow.description,
    inputSchema: dataflow.current.inputSchema,
    steps: dataflow.current.steps.map(
      (step) =>
        ({
          uid: nextUid(),
          id: step.id,
          idEdited: true,
          name: step.name,
          sourceStepId: step.sourceStepId ?? '',
          type: step.type,
          config: configFrom(step),
        }) as StepDraft,
    ),
  };
}

// ---------------------------------------------------------------- to the contract

function paginationTo(draft: PaginationDraft): Pagination | Record<string, unknown> {
  const maxPages = numberOrDefault(draft.maxPages);
  switch (draft.type) {
    case 'none':
      return { type: 'none' };
    case 'next_url':
      return { type: 'next_url', nextUrl: draft.nextUrl, items: draft.items, maxPages };
    case 'page':
      return { type: 'page', parameter: draft.parameter.trim(), firstPage: numberOrDefault(draft.firstPage), items: draft.items, maxPages };
    case 'offset':
      return { type: 'offset', parameter: draft.parameter.trim(), limitParameter: draft.limitParameter.trim(), limit: numberOrDefault(draft.limit), items: draft.items, maxPages };
    case 'cursor':
      return { type: 'cursor', parameter: draft.parameter.trim(), nextCursor: draft.nextCursor, items: draft.items, maxPages };
  }
}

function configTo(step: StepDraft): unknown {
  switch (step.type) {
    case 'input':
      return { mode: step.config.mode };
    case 'execute_script':
      return { code: step.config.code, timeoutMs: numberOrDefault(step.config.timeoutMs) };
    case 'execute_api_call': {
      const { config } = step;
      return {
        resultStoreField: config.resultStoreField,
        systemId: config.systemId,
        connectorId: config.connectorId,
        endpointId: config.endpointId,
        method: config.method,
        parameters: config.parameters
          .filter((row) => !(row.optional && isBlank(row.value)))
          .map((row) => ({ in: row.in, name: row.name.trim(), value: mappingTo(row.value) })),
        successStatuses: config.successStatuses,
        result: config.result.kind === 'expression' ? { kind: 'expression', source: config.result.source } : { kind: config.result.kind },
        pagination: paginationTo(config.pagination),
      };
    }
    case 'transform_model':
      return { fields: step.config.fields.map((row) => ({ path: row.path, value: mappingTo(row.value) })), keepModel: step.config.keepModel };
    case 'filter':
      return { condition: step.config.condition };
    case 'update_entry': {
      const { config } = step;
      const needsRecord = config.operation !== 'create';
      return {
        componentId: config.componentId.trim(),
        operation: config.operation,
        ...(needsRecord && !isBlank(config.recordId) ? { recordId: mappingTo(config.recordId) } : {}),
        fields: config.operation === 'delete' ? [] : config.fields.map((row) => ({ property: row.property.trim(), value: mappingTo(row.value) })),
        resultStoreField: config.resultStoreField,
      };
    }
    case 'write_response':
      return { mode: step.config.mode, fields: step.config.mode === 'mapping' ? step.config.fields.map((row) => ({ path: row.path, value: mappingTo(row.value) })) : [] };
  }
}

export function stepTo(step: StepDraft, index: number): StepInput {
  return {
    id: step.id.trim(),
    name: step.name,
    ...(index === 0 ? {} : { sourceStepId: step.sourceStepId || undefined }),
    type: step.type,
    config: configTo(step),
  } as StepInput;
}

export function requestFrom(draft: DataflowDraft): SaveDraftRequest {
  return { name: draft.name, description: draft.description, inputSchema: draft.inputSchema, steps: draft.steps.map(stepTo) };
}

// ---------------------------------------------------------------- editing helpers

/** The parameter rows for a newly chosen endpoint: its parameters (keeping values typed for them) and the admin's own rows. */
export function parametersFor(endpoint: Endpoint, rows: readonly ParameterRow[]): ParameterRow[] {
  const sameParameter = (row: ParameterRow, parameter: { in: string; name: string }) => row.in === parameter.in && row.name === parameter.name;
  const ordered = [...endpoint.parameters].sort((a, b) => Number(b.required) - Number(a.required));
  const fromEndpoint = ordered.map((parameter) => {
    const existing = rows.find((row) => sameParameter(row, parameter));
    return existing
      ? { ...existing, optional: !parameter.required }
      : { rowId: nextUid(), in: parameter.in, name: parameter.name, value: emptyExpression(), optional: !parameter.required };
  });
  const own = rows.filter((row) => !endpoint.parameters.some((parameter) => sameParameter(row, parameter)) && (row.in === 'body' || row.value.text.trim() !== ''));
  return [...fromEndpoint, ...own];
}

/** Renaming a step's id keeps the steps that take their model from it pointing at it. */
export function renameStepId(steps: readonly StepDraft[], uid: number, id: string): StepDraft[] {
  const previous = steps.find((step) => step.uid === uid)?.id;
  return steps.map((step) => {
    if (step.uid === uid) return { ...step, id };
    if (previous && step.sourceStepId === previous) return { ...step, sourceStepId: id };
    return step;
  });
}

/** Removing a step hands the steps that used it as their source to its own source. */
export function removeStep(steps: readonly StepDraft[], uid: number): StepDraft[] {
  const removed = steps.find((step) => step.uid === uid);
  if (!removed) return [...steps];
  return steps
    .filter((step) => step.uid !== uid)
    .map((step, index) => (step.sourceStepId === removed.id ? { ...step, sourceStepId: index === 0 ? '' : removed.sourceStepId } : step));
}

export function moveStep(steps: readonly StepDraft[], uid: number, offset: -1 | 1): StepDraft[] {
  const index = steps.findIndex((step) => step.uid === uid);
  const target = index + offset;
  if (index < 0 || target < 0 || target >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
