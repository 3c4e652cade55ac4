'use client';
import { IncompatibleRecords, PropertyType, type Component } from '@conflux/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { ApiError, formError, pathErrors } from '@/lib/api-client';
import { draftFromProperty, emptyProperty, modelFromDrafts, moveRow, propertyTypeLabels, type PropertyDraft } from './entity-model-draft';
import { useUpdateComponent } from './use-update-component';

/** The records a new model does not fit (a 409 of PATCH), if that is what `error` says. */
export function incompatibleRecordsOf(error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const body = IncompatibleRecords.safeParse(error.body);
  return body.success ? body.data.records : [];
}

const defaultHints: Partial<Record<PropertyDraft['type'], string>> = {
  boolean: 'true or false',
  date: '2026-12-03',
  datetime: '2026-12-03T14:00:00Z',
  array: '["a", "b"]',
  object: '{"a": 1}',
};

/**
 * The typed properties of the component's records. Saving checks the stored records against
 * the new model; the API refuses with the records that would no longer fit.
 */
export function EntityModelEditor({ component }: { component: Component }) {
  const updateComponent = useUpdateComponent();
  const saved = component.entityModel.properties;
  const [rows, setRows] = useState<PropertyDraft[]>(() => saved.map(draftFromProperty));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  function change(next: PropertyDraft[]) {
    setRows(next);
    setDirty(true);
    setJustSaved(false);
    setInvalid({});
    if (updateComponent.isError) updateComponent.reset();
  }
  const update = (index: number, patch: Partial<PropertyDraft>) =>
    change(
      rows.map((row, rowIndex) => {
        if (rowIndex === index) return { ...row, ...patch };
        // One title per model: marking a row unmarks the others.
        return patch.isTitle ? { ...row, isTitle: false } : row;
      }),
    );

  function save() {
    const { model, errors } = modelFromDrafts(rows);
    if (!model) {
      setInvalid(errors);
      return;
    }
    updateComponent.mutate(
      { key: component.key, changes: { entityModel: model } },
      {
        onSuccess: () => {
          setDirty(false);
          setJustSaved(true);
        },
      },
    );
  }

  const serverErrors = pathErrors(updateComponent.error);
  const errorAt = (path: string) => invalid[path] ?? serverErrors[path] ?? serverErrors[`entityModel.${path}`];
  const incompatible = incompatibleRecordsOf(updateComponent.error);
  const fieldPaths = rows.flatMap((_, index) =>
    ['name', 'type', 'title', 'default'].map((field) => `entityModel.properties.${index}.${field}`),
  );
  const message = incompatible.length > 0 ? null : formError(updateComponent.error, fieldPaths);
  const modelProblem = invalid.properties;
  return (
    <section className="section panel" aria-labelledby="entity-model-title">
      <div className="section-header">
        <div>
          <h2 id="entity-model-title">Entity model</h2>
          <p className="field-hint">The typed properties of each record. Forms, the records table and Update entry steps use them.</p>
        </div>
        <Link href={`/components/${encodeURIComponent(component.key)}/records`} className="button">
          Records ({component.recordCount})
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="empty">No properties yet. Add the first one, e.g. “city” (text, required).</p>
      ) : (
        <table className="table editor" aria-label="Properties">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Label</th>
              <th scope="col">Default</th>
              <th scope="col">Required</th>
              <th scope="col">Title</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const number = index + 1;
              const nameError = errorAt(`properties.${index}.name`);
              const defaultError = errorAt(`properties.${index}.default`);
              return (
                <tr key={row.rowId}>
                  <td>
                    <input
                      aria-label={`Property ${number} name`}
                      className={nameError ? 'code-input invalid' : 'code-input'}
                      aria-invalid={Boolean(nameError)}
                      spellCheck={false}
                      autoComplete="off"
                      value={row.name}
                      onChange={(event) => update(index, { name: event.target.value })}
                    />
                    {nameError && <p className="field-error">{nameError}</p>}
                  </td>
                  <td>
                    <select aria-label={`Property ${number} type`} value={row.type} onChange={(event) => update(index, { type: event.target.value as PropertyDraft['type'] })}>
                      {PropertyType.options.map((type) => (
                        <option key={type} value={type}>
                          {propertyTypeLabels[type]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Property ${number} label`} placeholder={row.name} value={row.title} onChange={(event) => update(index, { title: event.target.value })} />
                  </td>
                  <td>
                    <input
                      aria-label={`Property ${number} default`}
                      className={defaultError ? 'invalid' : undefined}
                      aria-invalid={Boolean(defaultError)}
                      placeholder={defaultHints[row.type] ?? 'none'}
                      value={row.defaultText}
                      onChange={(event) => update(index, { defaultText: event.target.value })}
                    />
                    {defaultError && <p className="field-error">{defaultError}</p>}
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`Property ${number} required`} checked={row.required} onChange={(event) => update(index, { required: event.target.checked })} />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Property ${number} is the title`}
                      checked={row.isTitle}
                      onChange={(event) => update(index, { isTitle: event.target.checked })}
                    />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="button small" aria-label={`Move property ${number} up`} disabled={index === 0} onClick={() => change(moveRow(rows, index, -1))}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Move property ${number} down`}
                      disabled={index === rows.length - 1}
                      onClick={() => change(moveRow(rows, index, 1))}
                    >
                      ↓
                    </button>
                    <button type="button" className="button small danger" aria-label={`Remove property ${number}`} onClick={() => change(rows.filter((_, rowIndex) => rowIndex !== index))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {modelProblem && <p className="field-error">{modelProblem}</p>}
      {incompatible.length > 0 && (
        <div className="callout error" role="alert">
          <strong>The model was not saved.</strong> {incompatible.length === 1 ? 'One stored record does' : `${incompatible.length} stored records do`} not fit
          it. Change or delete {incompatible.length === 1 ? 'it' : 'them'} first, or keep the model as it was.
          <ul className="dependents" aria-label="Records that do not fit">
            {incompatible.slice(0, 20).map((record) => (
              <li key={record.id}>
                <code>{record.id}</code>: {record.issues.map((issue) => `${issue.path.filter((part) => part !== 'data').join('.') || 'record'} — ${issue.message}`).join('; ')}
              </li>
            ))}
          </ul>
          {incompatible.length > 20 && <p>…and {incompatible.length - 20} more.</p>}
        </div>
      )}
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => change([...rows, emptyProperty()])}>
          Add property
        </button>
        <button type="button" className="button primary" disabled={!dirty || updateComponent.isPending} onClick={save}>
          {updateComponent.isPending ? 'Saving…' : 'Save entity model'}
        </button>
        {dirty && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setRows(saved.map(draftFromProperty));
              setDirty(false);
              setInvalid({});
              updateComponent.reset();
            }}
          >
            Discard changes
          </button>
        )}
        {justSaved && !dirty && (
          <span className="saved" role="status">
            Saved.
          </span>
        )}
      </div>
    </section>
  );
}
