'use client';
import type { FormField } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { FormFields } from './form-fields';
import { checkValues, type FormInputs } from './form-values';

/**
 * The form as an end user will see it, while the admin edits it: the same inputs and the
 * same checks (formValuesSchema). "Check" validates without submitting anything.
 */
export function FormPreview({ name, description, fields }: { name: string; description: string; fields: FormField[] }) {
  const [inputs, setInputs] = useState<FormInputs>({});
  const [errors, setErrors] = useState<Record<string, string> | null>(null);

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(checkValues(fields, inputs).errors);
  }
  const problems = errors ?? {};
  return (
    <form className="form panel user-form preview-frame" onSubmit={check} noValidate aria-label="Form preview">
      <div>
        <h2>{name || 'Untitled form'}</h2>
        {description && <p className="lead">{description}</p>}
      </div>
      {fields.length === 0 ? (
        <p className="muted">The fields you add appear here.</p>
      ) : (
        <FormFields
          fields={fields}
          inputs={inputs}
          errors={problems}
          onChange={(fieldName, value) => {
            setInputs((current) => ({ ...current, [fieldName]: value }));
            setErrors((current) => (current ? Object.fromEntries(Object.entries(current).filter(([key]) => key !== fieldName)) : current));
          }}
        />
      )}
      {problems[''] && <p className="field-error">{problems['']}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary">
          Check
        </button>
        {errors && Object.keys(errors).length === 0 && (
          <span className="saved" role="status">
            These values would be accepted.
          </span>
        )}
      </div>
    </form>
  );
}
