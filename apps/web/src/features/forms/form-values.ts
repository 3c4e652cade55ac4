import { formValuesSchema, type FormField } from '@conflux/contracts';

/** What the inputs of a rendered form hold: text, or a checkbox's state. */
export type FormInputs = Record<string, string | boolean>;

export function emptyInputs(fields: FormField[]): FormInputs {
  return Object.fromEntries(fields.map((field) => [field.name, field.type === 'checkbox' ? false : '']));
}

/**
 * The submission's values from the inputs: numbers as numbers, checkboxes as booleans; an
 * empty optional field is left out, an empty required text stays '' so the schema can say
 * which field is required.
 */
export function valuesFromInputs(fields: FormField[], inputs: FormInputs): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const input = inputs[field.name];
    if (field.type === 'checkbox') {
      values[field.name] = input === true;
      continue;
    }
    const text = typeof input === 'string' ? input : '';
    if (text.trim() === '') {
      if (field.required && (field.type === 'text' || field.type === 'textarea')) values[field.name] = text;
      continue;
    }
    if (field.type === 'number') {
      const number = Number(text.trim());
      // Text that is no number stays text: the schema then says "enter a number".
      values[field.name] = Number.isFinite(number) ? number : text;
    } else {
      values[field.name] = text;
    }
  }
  return values;
}

/**
 * The values checked with `formValuesSchema`, the server's own rules, and the first message
 * per field (a missing value reads "<Label> is required").
 */
export function checkValues(fields: FormField[], inputs: FormInputs): { values?: Record<string, unknown>; errors: Record<string, string> } {
  const values = valuesFromInputs(fields, inputs);
  let schema;
  try {
    schema = formValuesSchema(fields);
  } catch {
    // A pattern that is not a valid regular expression (while an admin types it in the editor).
    return { errors: { '': 'The form cannot be checked: one of its patterns is not a valid regular expression.' } };
  }
  const result = schema.safeParse(values);
  if (result.success) return { values: result.data as Record<string, unknown>, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name in errors) continue;
    const field = fields.find((candidate) => candidate.name === name);
    // Only a required field complains about a missing value.
    const missing = values[name] === undefined;
    errors[name] = missing && field ? `${field.label} is required` : issue.message;
  }
  return { errors };
}
