'use client';
import { CreateDataflowRequest, type Dataflow } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '@/components/text-field';
import { ApiError, fieldErrors, formError } from '@/lib/api-client';
import { keyFromName } from '@/lib/key-from-name';
import { useCreateDataflow } from './use-create-dataflow';

const FIELDS = ['key', 'name', 'description'];
const empty = { key: '', name: '', description: '' };

/** A new dataflow starts as a draft with its Input step; the editor adds the rest. */
export function CreateDataflowForm({ onCreated, onCancel }: { onCreated: (dataflow: Dataflow) => void; onCancel: () => void }) {
  const createDataflow = useCreateDataflow();
  const [values, setValues] = useState(empty);
  // The key follows the name until the admin edits it.
  const [keyEdited, setKeyEdited] = useState(false);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request: CreateDataflowRequest = {
      ...values,
      inputSchema: null,
      componentId: null,
      steps: [{ id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } }],
    };
    const parsed = CreateDataflowRequest.safeParse(request);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    createDataflow.mutate(request, { onSuccess: onCreated });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value, ...(field === 'name' && !keyEdited ? { key: keyFromName(value) } : {}) }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
    if (field === 'key') setKeyEdited(true);
  }

  const duplicate = createDataflow.error instanceof ApiError && createDataflow.error.status === 409;
  const errors: Record<string, string> = { ...fieldErrors(createDataflow.error), ...invalid };
  if (duplicate && !errors.key) errors.key = createDataflow.error!.message;
  const message = duplicate ? null : formError(createDataflow.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="create-dataflow-title">
      <h2 id="create-dataflow-title">New dataflow</h2>
      <div className="form-grid">
        <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} hint="e.g. “Weather report”." />
        <TextField
          label="Key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          value={values.key}
          onChange={(e) => change('key', e.target.value)}
          error={errors.key}
          hint="Lowercase letters, digits, - and _. The API starts the dataflow by it: POST /api/dataflows/{key}/runs."
        />
      </div>
      <TextAreaField label="Description" name="description" rows={2} value={values.description} onChange={(e) => change('description', e.target.value)} error={errors.description} />
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={createDataflow.isPending}>
          {createDataflow.isPending ? 'Creating…' : 'Create dataflow'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
