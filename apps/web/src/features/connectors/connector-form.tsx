'use client';
import { CreateConnectorRequest, UpdateConnectorRequest, type Connector } from '@conflux/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { SecretField } from '@/components/secret-field';
import { CheckboxField, Field, TextField } from '@/components/text-field';
import { formError, pathErrors } from '@/lib/api-client';
import { keyFromName } from '@/lib/key-from-name';
import { authLabels, type AuthType } from './auth-labels';
import { UNPARSABLE_URL_STAND_IN, authSecretStored, draftFrom, formatBytes, toRequest, type ConnectorDraft } from './connector-draft';
import { HeadersEditor } from './headers-editor';

const AUTH_TYPES = Object.keys(authLabels) as AuthType[];

/** The inputs of the advanced section: errors there open it. */
const ADVANCED = ['connectTimeoutMs', 'totalTimeoutMs', 'retryPolicy', 'rateLimit', 'maxResponseBytes', 'testPath'];

/** Every path the form shows an error beside; anything else goes above the buttons. */
const PLACED = [
  'key',
  'name',
  'baseUrl',
  'auth',
  'auth.type',
  'auth.in',
  'auth.name',
  'auth.value',
  'auth.token',
  'auth.username',
  'auth.password',
  'auth.tokenUrl',
  'auth.clientId',
  'auth.clientSecret',
  'auth.scopes',
  'auth.audience',
  'defaultHeaders',
  'connectTimeoutMs',
  'totalTimeoutMs',
  'retryPolicy.maxAttempts',
  'retryPolicy.baseDelayMs',
  'retryPolicy.maxDelayMs',
  'retryPolicy.retryOnStatuses',
  'retryPolicy.idempotencyKeyHeader',
  'rateLimit.requests',
  'rateLimit.intervalMs',
  'maxResponseBytes',
  'testPath',
];

const SECRET_LABELS: Partial<Record<AuthType, string>> = {
  api_key: 'API key',
  bearer: 'Token',
  basic: 'Password',
  oauth2_client_credentials: 'Client secret',
};
const SECRET_PATHS: Partial<Record<AuthType, string>> = {
  api_key: 'auth.value',
  bearer: 'auth.token',
  basic: 'auth.password',
  oauth2_client_credentials: 'auth.clientSecret',
};

/**
 * Creates or edits a connector. Secrets are write-only: the form never holds a stored value,
 * says whether one is set, and sends a new value, null (Clear) or nothing (keep).
 */
export function ConnectorForm({
  connector,
  pending,
  error,
  onSave,
  onCancel,
  onDirtyChange,
}: {
  /** The connector being edited; none for a new one. */
  connector?: Connector;
  pending: boolean;
  /** The last save's error: its issues show beside their fields. */
  error: Error | null;
  onSave: (request: CreateConnectorRequest, saved: (connector: Connector) => void) => void;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const editing = Boolean(connector);
  const [initial, setInitial] = useState(() => draftFrom(connector));
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [keyEdited, setKeyEdited] = useState(editing);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const errors: Record<string, string> = { ...pathErrors(error), ...invalid };
  const headerPaths = draft.headers.flatMap((_, index) => ['name', 'value', 'secret'].map((part) => `defaultHeaders.${index}.${part}`));
  const message = formError(error, [...PLACED, ...headerPaths]);
  const advancedHasErrors = Object.keys(errors).some((path) => ADVANCED.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)));
  const showAdvanced = advancedOpen || advancedHasErrors;

  function update(changes: Partial<ConnectorDraft>, ...clearedPaths: string[]) {
    setDraft((current) => ({ ...current, ...changes }));
    setJustSaved(false);
    if (clearedPaths.length) {
      setInvalid((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !clearedPaths.includes(path))));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, problems } = toRequest(draft, connector);
    const checkable = problems.baseUrl ? { ...request, baseUrl: UNPARSABLE_URL_STAND_IN } : request;
    const parsed = (editing ? UpdateConnectorRequest : CreateConnectorRequest).safeParse(checkable);
    const found = { ...(parsed.success ? {} : pathErrors(parsed.error)), ...problems };
    if (Object.keys(found).length > 0) {
      setInvalid(found);
      return;
    }
    setInvalid({});
    onSave(request, (saved) => {
      // Saved: start again from what the server now has, secrets blank ("set — leave blank to keep").
      const next = draftFrom(saved);
      setInitial(next);
      setDraft(next);
      setJustSaved(true);
    });
  }

  const secretLabel = SECRET_LABELS[draft.authType];
  const secretPath = SECRET_PATHS[draft.authType];
  const secretStored = authSecretStored(connector, draft.authType);
  const text = (field: keyof ConnectorDraft, path: string = field) => ({
    name: field,
    value: draft[field] as string,
    error: errors[path],
    onChange: (event: { target: { value: string } }) => update({ [field]: event.target.value }, path),
  });

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="connector-form-title">
      <h2 id="connector-form-title">{editing ? 'Settings' : 'New connector'}</h2>
      <div className="form-grid">
        <TextField
          label="Name"
          autoComplete="off"
          {...text('name')}
          onChange={(event) =>
            update({ name: event.target.value, ...(keyEdited ? {} : { key: keyFromName(event.target.value) }) }, 'name', 'key')
          }
          hint="Usually the environment, e.g. “Production”."
        />
        <TextField
          label="Key"
          autoComplete="off"
          spellCheck={false}
          {...text('key')}
          onChange={(event) => {
            setKeyEdited(true);
            update({ key: event.target.value }, 'key');
          }}
          hint="Unique within the system; dataflows and bundles refer to the connector by it."
        />
      </div>
      <TextField
        label="Base URL"
        type="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://api.example.com/v1"
        {...text('baseUrl')}
        hint="Endpoint paths are appended to it."
      />

      <fieldset className="fieldset">
        <legend>Authentication</legend>
        <Field label="Authentication type" error={errors.auth ?? errors['auth.type']}>
          {(control) => (
            <select
              {...control}
              name="authType"
              value={draft.authType}
              // Another type starts without a secret: a typed API key must not become a bearer token.
              onChange={(event) => update({ authType: event.target.value as AuthType, secret: { value: '', clear: false } }, 'auth')}
            >
              {AUTH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {authLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.authType !== 'none' && (
          <div className="form-grid">
            {draft.authType === 'api_key' && (
              <>
                <Field label="Send the key in" error={errors['auth.in']}>
                  {(control) => (
                    <select
                      {...control}
                      name="apiKeyIn"
                      value={draft.apiKeyIn}
                      onChange={(event) => update({ apiKeyIn: event.target.value as 'header' | 'query' }, 'auth.in')}
                    >
                      <option value="header">A header</option>
                      <option value="query">A query parameter</option>
                    </select>
                  )}
                </Field>
                <TextField
                  label={draft.apiKeyIn === 'header' ? 'Header name' : 'Query parameter name'}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={draft.apiKeyIn === 'header' ? 'X-Api-Key' : 'api_key'}
                  {...text('apiKeyName', 'auth.name')}
                />
              </>
            )}
            {draft.authType === 'basic' && <TextField label="Username" autoComplete="off" {...text('username', 'auth.username')} />}
            {draft.authType === 'oauth2_client_credentials' && (
              <>
                <TextField
                  label="Token URL"
                  type="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="https://auth.example.com/oauth/token"
                  {...text('tokenUrl', 'auth.tokenUrl')}
                />
                <TextField label="Client ID" autoComplete="off" spellCheck={false} {...text('clientId', 'auth.clientId')} />
              </>
            )}
            {secretLabel && secretPath && (
              <SecretField
                label={secretLabel}
                name="secret"
                draft={draft.secret}
                stored={secretStored}
                error={errors[secretPath]}
                hint={
                  secretStored ? undefined : draft.secret.value ? 'Stored encrypted; never shown again.' : 'Not set: requests fail until it is.'
                }
                onChange={(secret) => update({ secret }, secretPath)}
              />
            )}
            {draft.authType === 'oauth2_client_credentials' && (
              <>
                <TextField
                  label="Scopes"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="read:forecast write:alerts"
                  {...text('scopes', 'auth.scopes')}
                  error={errors['auth.scopes'] ?? Object.entries(errors).find(([path]) => path.startsWith('auth.scopes.'))?.[1]}
                  hint="Separated by spaces or commas; may be empty."
                />
                <TextField label="Audience (optional)" autoComplete="off" spellCheck={false} {...text('audience', 'auth.audience')} />
              </>
            )}
          </div>
        )}
      </fieldset>

      <HeadersEditor
        rows={draft.headers}
        connector={connector}
        errors={errors}
        onChange={(headers) => update({ headers }, ...Object.keys(errors).filter((path) => path.startsWith('defaultHeaders')))}
      />

      <div>
        <button
          type="button"
          className="button small disclosure"
          aria-expanded={showAdvanced}
          aria-controls="connector-advanced"
          onClick={() => setAdvancedOpen(!showAdvanced)}
        >
          {showAdvanced ? '▾' : '▸'} Advanced: timeouts, retries, rate limit, response size, test path
        </button>
      </div>
      {showAdvanced && (
        <div id="connector-advanced" className="advanced">
          <fieldset className="fieldset">
            <legend>Timeouts and size</legend>
            <div className="form-grid">
              <TextField label="Connect timeout (ms)" inputMode="numeric" {...text('connectTimeoutMs')} hint="How long to wait for the connection." />
              <TextField label="Total timeout (ms)" inputMode="numeric" {...text('totalTimeoutMs')} hint="How long a request may take in all." />
              <TextField
                label="Max response size (bytes)"
                inputMode="numeric"
                {...text('maxResponseBytes')}
                hint={`${formatBytes(Number(draft.maxResponseBytes))} — longer responses are cut there and marked truncated.`}
              />
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>Retries</legend>
            <div className="form-grid">
              <TextField label="Max attempts" inputMode="numeric" {...text('maxAttempts', 'retryPolicy.maxAttempts')} hint="1 means no retries." />
              <TextField label="Base delay (ms)" inputMode="numeric" {...text('baseDelayMs', 'retryPolicy.baseDelayMs')} hint="Doubles after each attempt." />
              <TextField label="Max delay (ms)" inputMode="numeric" {...text('maxDelayMs', 'retryPolicy.maxDelayMs')} hint="Retry-After is honoured up to this." />
              <TextField
                label="Retry on statuses"
                autoComplete="off"
                {...text('retryOnStatuses', 'retryPolicy.retryOnStatuses')}
                error={
                  errors['retryPolicy.retryOnStatuses'] ??
                  Object.entries(errors).find(([path]) => path.startsWith('retryPolicy.retryOnStatuses.'))?.[1]
                }
                hint="e.g. 408, 429, 500, 502, 503, 504"
              />
            </div>
            <CheckboxField
              label="Retry network errors"
              checked={draft.retryNetworkErrors}
              onChange={(event) => update({ retryNetworkErrors: event.target.checked })}
              hint="Connection refused or reset, timeouts."
            />
            <CheckboxField
              label="Retry unsafe methods (POST, PUT, PATCH, DELETE)"
              checked={draft.retryUnsafeMethods}
              onChange={(event) => update({ retryUnsafeMethods: event.target.checked })}
              hint="Only if the system ignores repeated writes: otherwise a write that already succeeded may happen twice."
            />
            <TextField
              label="Idempotency-key header (optional)"
              autoComplete="off"
              spellCheck={false}
              placeholder="Idempotency-Key"
              {...text('idempotencyKeyHeader', 'retryPolicy.idempotencyKeyHeader')}
              hint="Unsafe requests then carry a unique key in this header, and are retried."
            />
          </fieldset>
          <fieldset className="fieldset">
            <legend>Rate limit</legend>
            <Field label="Request budget">
              {(control) => (
                <select {...control} value={draft.rateLimited ? 'limit' : 'none'} onChange={(event) => update({ rateLimited: event.target.value === 'limit' }, 'rateLimit.requests', 'rateLimit.intervalMs')}>
                  <option value="none">No limit</option>
                  <option value="limit">At most N requests per interval</option>
                </select>
              )}
            </Field>
            {draft.rateLimited && (
              <div className="form-grid">
                <TextField label="Requests" inputMode="numeric" {...text('rateRequests', 'rateLimit.requests')} />
                <TextField label="Per interval (ms)" inputMode="numeric" {...text('rateIntervalMs', 'rateLimit.intervalMs')} hint="Shared by every worker." />
              </div>
            )}
          </fieldset>
          <fieldset className="fieldset">
            <legend>Test connection</legend>
            <TextField label="Test path" autoComplete="off" spellCheck={false} {...text('testPath')} hint="“Test connection” sends a GET to this path." />
          </fieldset>
        </div>
      )}

      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      {Object.keys(invalid).length > 0 && !message && (
        <p className="field-error" role="alert">
          Check the highlighted fields.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending || (editing && !dirty)}>
          {pending ? 'Saving…' : editing ? 'Save changes' : 'Create connector'}
        </button>
        {editing && dirty && (
          <button type="button" className="button" onClick={() => {
              setDraft(initial);
              setInvalid({});
            }}>
            Discard changes
          </button>
        )}
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
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
