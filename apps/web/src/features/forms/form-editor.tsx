'use client';
import { FormFieldType, type Form } from '@conflux/contracts';
import { useId, useState, type FormEvent } from 'react';
import { CheckboxField, TextAreaField, TextField } from '@/components/text-field';
import { useComponent } from '@/features/components/use-component';
import { useComponentDataflows } from '@/features/components/use-component-dataflows';
import { useUsers } from '@/features/users/use-users';
import { formError, pathErrors } from '@/lib/api-client';
import { keyFromName } from '@/lib/key-from-name';
import { FormPreview } from './form-preview';
import {
  draftFromForm,
  emptyField,
  emptyFormDraft,
  fieldNameFromLabel,
  fieldTypeLabels,
  previewFields,
  requestFromDraft,
  type FieldDraft,
  type FormDraft,
} from './form-draft';
import { useCreateForm } from './use-create-form';
import { useUpdateForm } from './use-update-form';

function moveRow<T>(rows: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

function FieldCard({
  field,
  index,
  count,
  errors,
  bindingListId,
  onChange,
  onMove,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  count: number;
  errors: Record<string, string>;
  bindingListId: string;
  onChange: (patch: Partial<FieldDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const number = index + 1;
  const at = (name: string) => errors[`fields.${index}.${name}`];
  const hasBounds = ['text', 'textarea', 'number'].includes(field.type);
  const hasPattern = field.type === 'text' || field.type === 'textarea';
  const boundsUnit = field.type === 'number' ? 'value' : 'length';
  return (
    <li className="field-card" aria-label={`Field ${number}: ${field.label || 'untitled'}`}>
      <div className="field-card-header">
        <span className="step-number">{number}</span>
        <strong className="field-card-title">{field.label || <span className="muted">Untitled field</span>}</strong>
        <span className="step-type">{fieldTypeLabels[field.type]}</span>
        <div className="step-card-actions">
          <button type="button" className="button small" aria-label={`Move field ${number} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="button small" aria-label={`Move field ${number} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="button small danger" aria-label={`Remove field ${number}`} onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
      <div className="form-grid">
        <TextField
          label="Label"
          aria-label={`Field ${number} label`}
          autoComplete="off"
          value={field.label}
          error={at('label')}
          onChange={(event) => onChange({ label: event.target.value, ...(field.nameEdited ? {} : { name: fieldNameFromLabel(event.target.value) }) })}
        />
        <TextField
          label="Name"
          aria-label={`Field ${number} name`}
          className="code-input"
          autoComplete="off"
          spellCheck={false}
          value={field.name}
          error={at('name')}
          hint="The value's name in the submission."
          onChange={(event) => onChange({ name: event.target.value, nameEdited: true })}
        />
        <div className="field">
          <label htmlFor={`field-${field.rowId}-type`}>Type</label>
          <select id={`field-${field.rowId}-type`} aria-label={`Field ${number} type`} value={field.type} onChange={(event) => onChange({ type: event.target.value as FieldDraft['type'] })}>
            {FormFieldType.options.map((type) => (
              <option key={type} value={type}>
                {fieldTypeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Binding"
          aria-label={`Field ${number} binding`}
          className="code-input"
          autoComplete="off"
          spellCheck={false}
          list={bindingListId}
          placeholder={field.name || 'the field name'}
          value={field.binding}
          error={at('binding')}
          hint="Where the value goes in the Input model (a dot path); the name when empty."
          onChange={(event) => onChange({ binding: event.target.value })}
        />
      </div>
      <TextField label="Help text" aria-label={`Field ${number} help text`} value={field.help} error={at('help')} onChange={(event) => onChange({ help: event.target.value })} />
      <div className="form-grid">
        {hasBounds && (
          <TextField
            label={`Minimum ${boundsUnit}`}
            aria-label={`Field ${number} minimum`}
            inputMode="decimal"
            value={field.min}
            error={at('min')}
            onChange={(event) => onChange({ min: event.target.value })}
          />
        )}
        {hasBounds && (
          <TextField
            label={`Maximum ${boundsUnit}`}
            aria-label={`Field ${number} maximum`}
            inputMode="decimal"
            value={field.max}
            error={at('max')}
            onChange={(event) => onChange({ max: event.target.value })}
          />
        )}
        {hasPattern && (
          <TextField
            label="Pattern"
            aria-label={`Field ${number} pattern`}
            className="code-input"
            spellCheck={false}
            placeholder="e.g. ^[A-Z]{2}\d{4}$"
            value={field.pattern}
            error={at('pattern')}
            onChange={(event) => onChange({ pattern: event.target.value })}
          />
        )}
      </div>
      {field.type === 'select' && (
        <TextAreaField
          label="Options"
          aria-label={`Field ${number} options`}
          className="code-input"
          rows={3}
          spellCheck={false}
          placeholder={'oslo = Oslo\nbergen = Bergen'}
          value={field.options}
          error={at('options')}
          hint="One per line: value = Label (or just the value)."
          onChange={(event) => onChange({ options: event.target.value })}
        />
      )}
      <CheckboxField label="Required" aria-label={`Field ${number} required`} checked={field.required} onChange={(event) => onChange({ required: event.target.checked })} />
    </li>
  );
}

function AccessEditor({ draft, onChange }: { draft: FormDraft; onChange: (patch: Partial<FormDraft>) => void }) {
  const users = useUsers({ limit: 200 });
  const [search, setSearch] = useState('');
  const toggleRole = (role: 'admin' | 'user', on: boolean) =>
    onChange({ roles: on ? [...draft.roles.filter((candidate) => candidate !== role), role] : draft.roles.filter((candidate) => candidate !== role) });
  const toggleUser = (id: string, on: boolean) => onChange({ userIds: on ? [...draft.userIds.filter((candidate) => candidate !== id), id] : draft.userIds.filter((candidate) => candidate !== id) });
  const needle = search.trim().toLowerCase();
  const shown = (users.data?.items ?? []).filter((user) => !needle || `${user.name} ${user.email}`.toLowerCase().includes(needle));
  return (
    <fieldset className="fieldset">
      <legend>Who may use it</legend>
      <div className="checks" role="group" aria-label="Roles">
        <CheckboxField label="Everyone with the role User" checked={draft.roles.includes('user')} onChange={(event) => toggleRole('user', event.target.checked)} />
        <CheckboxField label="Everyone with the role Admin" checked={draft.roles.includes('admin')} onChange={(event) => toggleRole('admin', event.target.checked)} />
      </div>
      <div className="field">
        <label htmlFor="form-access-search">Named users {draft.userIds.length > 0 && <span className="required-mark">({draft.userIds.length} chosen)</span>}</label>
        <input id="form-access-search" type="search" placeholder="Find by name or email" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      {users.isPending && <p className="muted">Loading users…</p>}
      {users.isError && <p className="field-error">Could not load the users: {users.error.message}</p>}
      {users.data && (
        <ul className="plain-list scroll-box user-choices" aria-label="Named users">
          {shown.length === 0 && <li className="muted">No user matches.</li>}
          {shown.map((user) => (
            <li key={user.id}>
              <CheckboxField
                label={
                  <>
                    {user.name} <span className="muted">{user.email}</span>
                  </>
                }
                checked={draft.userIds.includes(user.id)}
                onChange={(event) => toggleUser(user.id, event.target.checked)}
              />
            </li>
          ))}
        </ul>
      )}
      {draft.roles.length === 0 && draft.userIds.length === 0 && (
        <p className="callout warn" role="note">
          Nobody can open this form yet: choose a role or some users.
        </p>
      )}
    </fieldset>
  );
}

/**
 * The form editor: what the form asks, which dataflow it runs and who may use it, beside a
 * live preview rendered exactly as end users will see it.
 */
export function FormEditor({ componentKey, form, onSaved }: { componentKey: string; form: Form | null; onSaved: (form: Form) => void }) {
  const component = useComponent(componentKey);
  const dataflows = useComponentDataflows(component.data?.id);
  const createForm = useCreateForm();
  const updateForm = useUpdateForm();
  const mutation = form ? updateForm : createForm;
  const [draft, setDraft] = useState<FormDraft>(() => (form ? draftFromForm(form) : emptyFormDraft()));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const bindingListId = useId();

  function change(patch: Partial<FormDraft>) {
    setDraft((current) => ({
      ...current,
      ...patch,
      ...(patch.name !== undefined && !current.keyEdited ? { key: keyFromName(patch.name) } : {}),
    }));
    setDirty(true);
    setJustSaved(false);
    setInvalid({});
  }
  const changeField = (index: number, patch: Partial<FieldDraft>) =>
    change({ fields: draft.fields.map((field, fieldIndex) => (fieldIndex === index ? { ...field, ...patch } : field)) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, errors } = requestFromDraft(draft);
    if (!request) {
      setInvalid(errors);
      return;
    }
    const done = (saved: Form) => {
      setDirty(false);
      setJustSaved(true);
      onSaved(saved);
    };
    if (form) updateForm.mutate({ id: form.id, changes: request }, { onSuccess: done });
    else createForm.mutate({ componentKey, request }, { onSuccess: done });
  }

  const errors = { ...pathErrors(mutation.error), ...invalid };
  const shownPaths = ['name', 'key', 'description', 'dataflowKey', 'fields', ...draft.fields.flatMap((_, index) => ['label', 'name', 'binding', 'help', 'min', 'max', 'pattern', 'options'].map((name) => `fields.${index}.${name}`))];
  const unplaced = Object.entries(invalid)
    .filter(([path]) => !shownPaths.includes(path))
    .map(([, text]) => text);
  const message = formError(mutation.error, shownPaths) ?? (unplaced.length > 0 ? unplaced.join(' ') : null);
  const dataflowItems = dataflows.data ?? [];
  const chosen = dataflowItems.find((dataflow) => dataflow.key === draft.dataflowKey);
  return (
    <div className="form-editor">
      <form className="form form-editor-main" onSubmit={submit} noValidate aria-label="Form editor">
        <section className="panel form">
          <h2>About the form</h2>
          <div className="form-grid">
            <TextField label="Name" name="name" autoComplete="off" value={draft.name} error={errors.name} onChange={(event) => change({ name: event.target.value })} hint="What users see, e.g. “Weather in a city”." />
            <TextField
              label="Key"
              name="key"
              autoComplete="off"
              spellCheck={false}
              value={draft.key}
              error={errors.key}
              onChange={(event) => change({ key: event.target.value, keyEdited: true })}
              hint="Lowercase letters, digits, - and _."
            />
          </div>
          <TextAreaField label="Description" name="description" rows={2} value={draft.description} error={errors.description} onChange={(event) => change({ description: event.target.value })} hint="Shown to users above the form." />
          <div className="field">
            <label htmlFor="form-dataflow">Dataflow to run</label>
            <select id="form-dataflow" value={draft.dataflowKey} aria-invalid={Boolean(errors.dataflowKey)} onChange={(event) => change({ dataflowKey: event.target.value })}>
              <option value="">None yet (the form cannot be submitted)</option>
              {dataflowItems.map((dataflow) => (
                <option key={dataflow.id} value={dataflow.key}>
                  {dataflow.name} ({dataflow.key}){dataflow.publishedVersion === null ? ' — not published' : ''}
                </option>
              ))}
              {draft.dataflowKey && !chosen && dataflows.data && <option value={draft.dataflowKey}>{draft.dataflowKey} (not found)</option>}
            </select>
            <p className="field-hint">
              {dataflows.isPending
                ? 'Loading the component’s dataflows…'
                : dataflowItems.length === 0
                  ? 'This component has no dataflows yet.'
                  : 'Submitting runs its published version with the form’s values as the Input model.'}
            </p>
            {chosen && chosen.publishedVersion === null && <p className="field-error">This dataflow is not published yet: submissions fail until it is.</p>}
            {errors.dataflowKey && <p className="field-error">{errors.dataflowKey}</p>}
          </div>
        </section>

        <section className="panel form" aria-labelledby="form-fields-title">
          <h2 id="form-fields-title">Fields</h2>
          {draft.fields.length === 0 ? (
            <p className="empty">No fields yet. Add the first one, e.g. a required text field “City”.</p>
          ) : (
            <ol className="field-list">
              {draft.fields.map((field, index) => (
                <FieldCard
                  key={field.rowId}
                  field={field}
                  index={index}
                  count={draft.fields.length}
                  errors={errors}
                  bindingListId={bindingListId}
                  onChange={(patch) => changeField(index, patch)}
                  onMove={(by) => change({ fields: moveRow(draft.fields, index, by) })}
                  onRemove={() => change({ fields: draft.fields.filter((_, fieldIndex) => fieldIndex !== index) })}
                />
              ))}
            </ol>
          )}
          {errors.fields && <p className="field-error">{errors.fields}</p>}
          <datalist id={bindingListId}>
            {component.data?.entityModel.properties.map((property) => (
              <option key={property.name} value={property.name} />
            ))}
          </datalist>
          <div>
            <button type="button" className="button" onClick={() => change({ fields: [...draft.fields, emptyField()] })}>
              Add field
            </button>
          </div>
        </section>

        <AccessEditor draft={draft} onChange={change} />

        {message && (
          <div className="callout error" role="alert">
            {message}
          </div>
        )}
        <div className="form-actions editor-bar bottom">
          <button type="submit" className="button primary" disabled={mutation.isPending || (Boolean(form) && !dirty)}>
            {mutation.isPending ? 'Saving…' : form ? 'Save form' : 'Create form'}
          </button>
          {dirty && <span className="pill unsaved">Unsaved changes</span>}
          {justSaved && !dirty && (
            <span className="saved" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
      <aside className="form-editor-preview" aria-label="Live preview">
        <div className="preview-label">Live preview · as users will see it</div>
        <FormPreview name={draft.name} description={draft.description} fields={previewFields(draft)} />
      </aside>
    </div>
  );
}
