import { recordDataSchema, type EntityModel, type EntityProperty } from '@conflux/contracts';

/** What the record form holds for each property: text, as inputs give it. */
export type RecordDraft = Record<string, string>;

/** The label of a property in tables and forms. */
export const propertyLabel = (property: EntityProperty) => property.title || property.name;

function toText(type: EntityProperty['type'], value: unknown): string {
  if (value === undefined || value === null) return '';
  if (type === 'array' || type === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/** The form's starting values: a stored record's data, or the model's defaults for a new one. */
export function draftFromData(model: EntityModel, data: Record<string, unknown> | null): RecordDraft {
  return Object.fromEntries(
    model.properties.map((property) => [property.name, toText(property.type, data ? data[property.name] : property.default)]),
  );
}

/** One input's text as the property's type wants it; `undefined` when empty, text when it cannot be read (the schema then says why). */
export function valueFromText(type: EntityProperty['type'], text: string): unknown {
  if (text.trim() === '') return undefined;
  switch (type) {
    case 'number':
    case 'integer': {
      const value = Number(text.trim());
      return Number.isFinite(value) ? value : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'array':
    case 'object':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/**
 * The record data of the form, checked with the same schema as the API's. A new record leaves
 * out empty properties (their defaults apply); an edited one sends null for a cleared value.
 */
export function dataFromDraft(
  model: EntityModel,
  draft: RecordDraft,
  existing: Record<string, unknown> | null,
): { data?: Record<string, unknown>; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  for (const property of model.properties) {
    const value = valueFromText(property.type, draft[property.name] ?? '');
    if (value !== undefined) data[property.name] = value;
    else if (existing && existing[property.name] !== undefined && existing[property.name] !== null) data[property.name] = null;
  }
  const result = recordDataSchema(model, { applyDefaults: !existing }).safeParse(data);
  if (result.success) return { data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field in errors) continue;
    const missing = issue.code === 'invalid_type' && (data[field] === undefined || data[field] === null);
    errors[field] = missing ? 'Required' : issue.message;
  }
  return { errors };
}

/** A stored value in a table cell. */
export function cellText(type: EntityProperty['type'], value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (type === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
