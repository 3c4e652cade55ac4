'use client';
import type { FormField } from '@conflux/contracts';
import { Field } from '@/components/text-field';
import type { FormInputs } from './form-values';

function FieldInput({
  field,
  value,
  error,
  disabled,
  onChange,
}: {
  field: FormField;
  value: string | boolean;
  error?: string;
  disabled?: boolean;
  onChange: (value: string | boolean) => void;
}) {
  if (field.type === 'checkbox') {
    return (
      <div className={error ? 'check-field invalid' : 'check-field'}>
        <label className="check">
          <input type="checkbox" name={field.name} checked={value === true} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
          <span>{field.label}</span>
        </label>
        {field.help && <p className="field-hint">{field.help}</p>}
        {error && <p className="field-error">{error}</p>}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const label = (
    <>
      {field.label} {!field.required && <span className="required-mark">(optional)</span>}
    </>
  );
  return (
    <Field label={label} error={error} hint={field.help || undefined}>
      {(control) => {
        const common = { ...control, name: field.name, disabled, 'aria-required': field.required };
        switch (field.type) {
          case 'textarea':
            return <textarea {...common} rows={4} value={text} onChange={(event) => onChange(event.target.value)} />;
          case 'select':
            return (
              <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
                <option value="">Choose…</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label || option.value}
                  </option>
                ))}
              </select>
            );
          case 'number':
            return <input {...common} type="number" step="any" min={field.min} max={field.max} value={text} onChange={(event) => onChange(event.target.value)} />;
          default:
            return (
              <input
                {...common}
                type={field.type === 'email' ? 'email' : field.type === 'date' ? 'date' : 'text'}
                autoComplete="off"
                value={text}
                onChange={(event) => onChange(event.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}

/**
 * The inputs of a form as end users see them. The form editor's live preview renders the
 * same component, so the admin sees exactly what users will get.
 */
export function FormFields({
  fields,
  inputs,
  errors,
  disabled,
  onChange,
}: {
  fields: FormField[];
  inputs: FormInputs;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: string, value: string | boolean) => void;
}) {
  return (
    <div className="form-fields">
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={inputs[field.name] ?? (field.type === 'checkbox' ? false : '')}
          error={errors[field.name]}
          disabled={disabled}
          onChange={(value) => onChange(field.name, value)}
        />
      ))}
    </div>
  );
}
