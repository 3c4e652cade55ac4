'use client';
import { CreateComponentRequest, type Component } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { keyFromName } from '@/lib/key-from-name';
import { useCreateComponent } from './use-create-component';

const FIELDS = ['key', 'name', 'description'];
const empty = { key: '', name: '', description: '' };

export function CreateComponentForm({ onCreated, onCancel }: { onCreated: (component: Component) => void; onCancel: () => void }) {
  const createComponent = useCreateComponent();
  const [values, setValues] = useState(empty);
  // The key follows the name until the admin edits it.
  const [keyEdited, setKeyEdited] = useState(false);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateComponentRequest.safeParse(values);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    createComponent.mutate(parsed.data, { onSuccess: onCreated });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({
      ...current,
      [field]: value,
      ...(field === 'name' && !keyEdited ? { key: keyFromName(value) } : {}),
    }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
    if (field === 'key') setKeyEdited(true);
  }

  const errors: Record<string, string> = { ...fieldErrors(createComponent.error), ...invalid };
  const message = formError(createComponent.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="create-component-title">
      <h2 id="create-component-title">New component</h2>
      <div className="form-grid">
        <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} hint="e.g. “Weather”." />
        <TextField
          label="Key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          value={values.key}
          onChange={(e) => change('key', e.target.value)}
          error={errors.key}
          hint="Lowercase letters, digits, - and _. Bundles refer to the component by it."
        />
      </div>
      <TextAreaField label="Description" name="description" rows={2} value={values.description} onChange={(e) => change('description', e.target.value)} error={errors.description} />
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={createComponent.isPending}>
          {createComponent.isPending ? 'Creating…' : 'Create component'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
