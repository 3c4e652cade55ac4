'use client';
import { UpdateSystemRequest, type SystemDetail } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { useUpdateSystem } from './use-update-system';

const FIELDS = ['name', 'description', 'ownerNotes'];

export function EditSystemForm({ system }: { system: SystemDetail }) {
  const updateSystem = useUpdateSystem();
  const saved = { name: system.name, description: system.description, ownerNotes: system.ownerNotes };
  const [values, setValues] = useState(saved);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [justSaved, setJustSaved] = useState(false);
  const dirty = FIELDS.some((field) => values[field as keyof typeof values] !== saved[field as keyof typeof saved]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = UpdateSystemRequest.safeParse(values);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    updateSystem.mutate({ id: system.id, changes: parsed.data }, { onSuccess: () => setJustSaved(true) });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
    setJustSaved(false);
  }

  const errors: Record<string, string> = { ...fieldErrors(updateSystem.error), ...invalid };
  const message = formError(updateSystem.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="edit-system-title">
      <h2 id="edit-system-title">About this system</h2>
      <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} />
      <TextAreaField label="Description" name="description" rows={2} value={values.description} onChange={(e) => change('description', e.target.value)} error={errors.description} />
      <TextAreaField
        label="Owner notes"
        name="ownerNotes"
        rows={3}
        value={values.ownerNotes}
        onChange={(e) => change('ownerNotes', e.target.value)}
        error={errors.ownerNotes}
        hint="Who to ask about it, where its documentation lives. Not secrets: those belong in a connector."
      />
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!dirty || updateSystem.isPending}>
          {updateSystem.isPending ? 'Saving…' : 'Save changes'}
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
