import { EntityModel, type EntityProperty, type PropertyType } from '@conflux/contracts';

/** One row of the entity model editor: the default is typed as text until it is saved. */
export interface PropertyDraft {
  /** Stable across reorders, for React keys only. */
  rowId: string;
  name: string;
  type: PropertyType;
  title: string;
  required: boolean;
  defaultText: string;
  isTitle: boolean;
}

export const propertyTypeLabels: Record<PropertyType, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
  date: 'Date',
  datetime: 'Date and time',
  uri: 'URL',
  array: 'List (JSON)',
  object: 'Object (JSON)',
};

let nextRowId = 0;
const newRowId = () => `property-${++nextRowId}`;

export function draftFromProperty(property: EntityProperty): PropertyDraft {
  return {
    rowId: newRowId(),
    name: property.name,
    type: property.type,
    title: property.title,
    required: property.required,
    defaultText: property.default === undefined ? '' : defaultToText(property.default),
    isTitle: property.isTitle,
  };
}

export const emptyProperty = (): PropertyDraft => ({
  rowId: newRowId(),
  name: '',
  type: 'string',
  title: '',
  required: false,
  defaultText: '',
  isTitle: false,
});

function defaultToText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The default as the property's type wants it; an empty text means no default. */
export function parseDefault(type: PropertyType, text: string): { value?: unknown; error?: string } {
  if (text === '') return {};
  switch (type) {
    case 'number':
    case 'integer': {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) return { error: 'Enter a number' };
      if (type === 'integer' && !Number.isInteger(value)) return { error: 'Enter a whole number' };
      return { value };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { error: 'Use true or false' };
    case 'array':
    case 'object': {
      try {
        const value: unknown = JSON.parse(text);
        if (type === 'array' ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { error: type === 'array' ? 'Enter a JSON list such as ["a", "b"]' : 'Enter a JSON object such as {"a": 1}' };
        }
        return { value };
      } catch {
        return { error: 'Not valid JSON' };
      }
    }
    default:
      return { value: text };
  }
}

/**
 * The entity model of the editor's rows, or the problems by row path
 * (`properties.2.name`, `properties.0.default`) when it is not valid.
 */
export function modelFromDrafts(drafts: PropertyDraft[]): { model?: EntityModel; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const properties = drafts.map((draft, index) => {
    const parsed = parseDefault(draft.type, draft.defaultText);
    if (parsed.error) errors[`properties.${index}.default`] = parsed.error;
    return {
      name: draft.name,
      type: draft.type,
      title: draft.title,
      required: draft.required,
      isTitle: draft.isTitle,
      ...(parsed.value !== undefined ? { default: parsed.value } : {}),
    };
  });
  const result = EntityModel.safeParse({ properties });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) errors[path] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { errors };
  return { model: result.data, errors };
}

/** Moves the row at `from` one place up (-1) or down (+1). */
export function moveRow<T>(rows: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
