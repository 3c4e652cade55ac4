'use client';
import type { EntityModel, EntityProperty, EntityRecord } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/text-field';
import { formError, pathErrors } from '@/lib/api-client';
import { dataFromDraft, draftFromData, propertyLabel, type RecordDraft } from './record-values';
import { useCreateRecord } from './use-create-record';
import { useUpdateRecord } from './use-update-record';

const inputTypes: Partial<Record<EntityProperty['type'], string>> = {
  number: 'number',
  integer: 'number',
  date: 'date',
  uri: 'url',
};

const hints: Partial<Record<EntityProperty['type'], string>> = {
  datetime: 'e.g. 2026-12-03T14:00:00Z',
  array: 'A JSON list, e.g. ["a", "b"]',
  object: 'A JSON object, e.g. {"a": 1}',
};

function PropertyInput({ property, value, onChange, error }: { property: EntityProperty; value: string; onChange: (value: string) => void; error?: string }) {
  const label = (
    <>
      {propertyLabel(property)} {property.required ? null : <span className="required-mark">(optional)</span>}
    </>
  );
  return (
    <Field label={label} error={error} hint={hints[property.type]}>
      {(control) => {
        if (property.type === 'boolean') {
          return (
            <select {...control} name={property.name} value={value} onChange={(event) => onChange(event.target.value)}>
              <option value="">—</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          );
        }
        if (property.type === 'array' || property.type === 'object') {
          return <textarea {...control} name={property.name} className="code-input" rows={3} spellCheck={false} value={value} onChange={(event) => onChange(event.target.value)} />;
        }
        return (
          <input
            {...control}
            name={property.name}
            type={inputTypes[property.type] ?? 'text'}
            step={property.type === 'number' ? 'any' : undefined}
            autoComplete="off"
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        );
      }}
    </Field>
  );
}

/**
 * A record as a form generated from the entity model: one input per property, by its type,
 * checked with the API's own schema before sending; the API's issues land beside their fields.
 */
export function RecordForm({
  componentKey,
  model,
  record,
  onDone,
  onCancel,
}: {
  componentKey: string;
  model: EntityModel;
  /** null for a new record. */
  record: EntityRecord | null;
  onDone: (record: EntityRecord) => void;
  onCancel: () => void;
}) {
  const createRecord = useCreateRecord(componentKey);
  const updateRecord = useUpdateRecord(componentKey);
  const mutation = record ? updateRecord : createRecord;
  const [draft, setDraft] = useState<RecordDraft>(() => draftFromData(model, record?.data ?? null));
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { data, errors } = dataFromDraft(model, draft, record?.data ?? null);
    if (!data) {
      setInvalid(errors);
      return;
    }
    setInvalid({});
    if (record) updateRecord.mutate({ id: record.id, data }, { onSuccess: onDone });
    else createRecord.mutate(data, { onSuccess: onDone });
  }

  const serverErrors = pathErrors(mutation.error);
  const errorOf = (name: string) => invalid[name] ?? serverErrors[`data.${name}`];
  const message = formError(
    mutation.error,
    model.properties.map((property) => `data.${property.name}`),
  );
  const title = record ? 'Edit record' : 'New record';
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        {model.properties.map((property) => (
          <PropertyInput
            key={property.name}
            property={property}
            value={draft[property.name] ?? ''}
            error={errorOf(property.name)}
            onChange={(value) => {
              setDraft((current) => ({ ...current, [property.name]: value }));
              setInvalid(({ [property.name]: _dropped, ...rest }) => rest);
            }}
          />
        ))}
      </div>
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : record ? 'Save record' : 'Create record'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
