import { CreateFormRequest, type Form, type FormField } from '@conflux/contracts';
import { keyFromName } from '@/lib/key-from-name';

type FieldType = FormField['type'];

/** One field in the form editor: numbers and options as the admin types them. */
export interface FieldDraft {
  /** Stable across reorders, for React keys only. */
  rowId: string;
  name: string;
  /** The name follows the label until the admin edits it. */
  nameEdited: boolean;
  label: string;
  type: FieldType;
  help: string;
  required: boolean;
  min: string;
  max: string;
  pattern: string;
  /** One option per line: `value = Label` (or just `value`). */
  options: string;
  binding: string;
}

export interface FormDraft {
  name: string;
  key: string;
  keyEdited: boolean;
  description: string;
  fields: FieldDraft[];
  dataflowKey: string;
  roles: Array<'admin' | 'user'>;
  userIds: string[];
}

export const fieldTypeLabels: Record<FieldType, string> = {
  text: 'Text',
  textarea: 'Long text',
  number: 'Number',
  select: 'Choice (select)',
  checkbox: 'Checkbox',
  date: 'Date',
  email: 'Email',
};

let nextRowId = 0;
const newRowId = () => `field-${++nextRowId}`;

/** A field name from a label: "Postal code" → "postal_code". */
export function fieldNameFromLabel(label: string): string {
  const name = keyFromName(label).replace(/-/g, '_');
  return /^[0-9]/.test(name) ? `f_${name}` : name;
}

export const emptyField = (): FieldDraft => ({
  rowId: newRowId(),
  name: '',
  nameEdited: false,
  label: '',
  type: 'text',
  help: '',
  required: false,
  min: '',
  max: '',
  pattern: '',
  options: '',
  binding: '',
});

export const emptyFormDraft = (): FormDraft => ({
  name: '',
  key: '',
  keyEdited: false,
  description: '',
  fields: [],
  dataflowKey: '',
  roles: ['user'],
  userIds: [],
});

function optionsToText(options: FormField['options']): string {
  return options.map((option) => (option.label && option.label !== option.value ? `${option.value} = ${option.label}` : option.value)).join('\n');
}

export function parseOptions(text: string): FormField['options'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 0) return { value: line, label: line };
      const value = line.slice(0, at).trim();
      return { value, label: line.slice(at + 1).trim() || value };
    });
}

export function draftFromForm(form: Form): FormDraft {
  return {
    name: form.name,
    key: form.key,
    keyEdited: true,
    description: form.description,
    fields: form.fields.map((field) => ({
      rowId: newRowId(),
      name: field.name,
      nameEdited: true,
      label: field.label,
      type: field.type,
      help: field.help,
      required: field.required,
      min: field.min === undefined ? '' : String(field.min),
      max: field.max === undefined ? '' : String(field.max),
      pattern: field.pattern ?? '',
      options: optionsToText(field.options),
      binding: field.binding,
    })),
    dataflowKey: form.dataflowKey ?? '',
    roles: form.access.roles,
    userIds: form.access.userIds,
  };
}

/** A field of the draft as the contract has it (numbers parsed; what does not apply to the type left out). */
export function fieldFromDraft(draft: FieldDraft): { field: FormField; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const number = (text: string, which: 'min' | 'max') => {
    if (text.trim() === '') return undefined;
    const value = Number(text.trim());
    if (!Number.isFinite(value)) errors[which] = 'Enter a number';
    return Number.isFinite(value) ? value : undefined;
  };
  const hasBounds = ['text', 'textarea', 'number'].includes(draft.type);
  const hasPattern = draft.type === 'text' || draft.type === 'textarea';
  if (hasPattern && draft.pattern) {
    try {
      new RegExp(draft.pattern);
    } catch {
      errors.pattern = 'Not a valid regular expression';
    }
  }
  const field: FormField = {
    name: draft.name,
    label: draft.label,
    type: draft.type,
    help: draft.help,
    required: draft.required,
    ...(hasBounds ? { min: number(draft.min, 'min'), max: number(draft.max, 'max') } : {}),
    ...(hasPattern && draft.pattern && !errors.pattern ? { pattern: draft.pattern } : {}),
    options: draft.type === 'select' ? parseOptions(draft.options) : [],
    binding: draft.binding.trim(),
  };
  if (field.min === undefined) delete field.min;
  if (field.max === undefined) delete field.max;
  if (draft.type === 'select' && field.options.length === 0) errors.options = 'Add at least one option';
  return { field, errors };
}

/**
 * The request of the editor's draft, checked with the contract; problems by path
 * (`name`, `fields.0.label`, `fields.1.options`).
 */
export function requestFromDraft(draft: FormDraft): { request?: CreateFormRequest; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const fields = draft.fields.map((fieldDraft, index) => {
    const { field, errors: fieldErrors } = fieldFromDraft(fieldDraft);
    for (const [name, message] of Object.entries(fieldErrors)) errors[`fields.${index}.${name}`] = message;
    return field;
  });
  const names = new Set<string>();
  fields.forEach((field, index) => {
    if (field.name && names.has(field.name)) errors[`fields.${index}.name`] = `Another field is already named “${field.name}”`;
    names.add(field.name);
  });
  const request = {
    key: draft.key,
    name: draft.name,
    description: draft.description,
    fields,
    dataflowKey: draft.dataflowKey || null,
    access: { roles: draft.roles, userIds: draft.userIds },
  };
  const result = CreateFormRequest.safeParse(request);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) errors[path] = issue.message;
    }
  }
  if (!result.success || Object.keys(errors).length > 0) return { errors };
  return { request, errors };
}

/** The fields as the preview renders them: only the ones complete enough to show. */
export function previewFields(draft: FormDraft): FormField[] {
  const seen = new Set<string>();
  return draft.fields.flatMap((fieldDraft, index) => {
    const { field } = fieldFromDraft(fieldDraft);
    const name = field.name || `field_${index + 1}`;
    if (seen.has(name)) return [];
    seen.add(name);
    return [{ ...field, name, label: field.label || `Field ${index + 1}` }];
  });
}
