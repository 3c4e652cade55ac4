'use client';
import { CreateSystemRequest, type SystemSummary } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { keyFromName } from '@/lib/key-from-name';
import { useCreateSystem } from './use-create-system';

const FIELDS = ['key', 'name', 'description', 'ownerNotes'];
const empty = { key: '', name: '', description: '', ownerNotes: '' };

export function CreateSystemForm({ onCreated, onCancel }: { onCreated: (system: SystemSummary) => void; onCancel: () => void }) {
  const createSystem = useCreateSystem();
  const [values, setValues] = useState(empty);
  // The key follows the name until the admin edits it.
  const [keyEdited, setKeyEdited] = useState(false);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateSystemRequest.safeParse(values);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    createSystem.mutate(parsed.data, { onSuccess: onCreated });
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

  const errors: Record<string, string> = { ...fieldErrors(createSystem.error), ...invalid };
  const message = formError(createSystem.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="create-system-title">
      <h2 id="create-system-title">New system</h2>
      <div className="form-grid">
        <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} hint="As your team calls it, e.g. “Weather service”." />
        <TextField
          label="Key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          value={values.key}
          onChange={(e) => change('key', e.target.value)}
          error={errors.key}
          hint="Lowercase letters, digits, - and _. Bundles and dataflows refer to the system by it."
        />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        value={values.description}
        onChange={(e) => change('description', e.target.value)}
        error={errors.description}
        hint="What the system is and what Conflux uses it for."
      />
      <TextAreaField
        label="Owner notes"
        name="ownerNotes"
        rows={2}
        value={values.ownerNotes}
        onChange={(e) => change('ownerNotes', e.target.value)}
        error={errors.ownerNotes}
        hint="Who to ask about it, where its documentation lives, how to get credentials. Not secrets."
      />
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={createSystem.isPending}>
          {createSystem.isPending ? 'Creating…' : 'Create system'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
