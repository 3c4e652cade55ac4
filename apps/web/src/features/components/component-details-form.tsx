'use client';
import { UpdateComponentRequest, type Component } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { useUpdateComponent } from './use-update-component';

const FIELDS = ['name', 'description'];

export function ComponentDetailsForm({ component }: { component: Component }) {
  const updateComponent = useUpdateComponent();
  const saved = { name: component.name, description: component.description };
  const [values, setValues] = useState(saved);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [justSaved, setJustSaved] = useState(false);
  const dirty = values.name !== saved.name || values.description !== saved.description;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = UpdateComponentRequest.safeParse(values);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    updateComponent.mutate({ key: component.key, changes: parsed.data }, { onSuccess: () => setJustSaved(true) });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
    setJustSaved(false);
  }

  const errors: Record<string, string> = { ...fieldErrors(updateComponent.error), ...invalid };
  const message = formError(updateComponent.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="component-details-title">
      <h2 id="component-details-title">About this component</h2>
      <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} />
      <TextAreaField label="Description" name="description" rows={2} value={values.description} onChange={(e) => change('description', e.target.value)} error={errors.description} />
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!dirty || updateComponent.isPending}>
          {updateComponent.isPending ? 'Saving…' : 'Save changes'}
        </button>
        {dirty && (
          <button type="button" className="button" onClick={() => setValues(saved)}>
            Discard changes
          </button>
        )}
        {justSaved && !dirty && (
          <span className="saved" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
