'use client';
import { CreateApiTokenRequest, type ApiTokenSummary, type CreatedApiToken } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { OneTimeSecret } from '@/components/one-time-secret';
import { TextField } from '@/components/text-field';
import { fieldErrors, formError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApiTokens } from './use-api-tokens';
import { useCreateApiToken } from './use-create-api-token';
import { useRevokeApiToken } from './use-revoke-api-token';

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenSummary | null>(null);
  const revoke = useRevokeApiToken();
  const items = tokens.data?.items ?? [];

  return (
    <section>
      <h1>API tokens</h1>
      <p className="lead">
        Scripts and other systems call the Conflux API with <code>Authorization: Bearer &lt;token&gt;</code> instead of
        signing in. These are your tokens: each acts as you until it is revoked.
      </p>

      <CreateApiTokenForm onCreated={setCreated} />

      {created && (
        <OneTimeSecret title={`Token “${created.apiToken.name}”`} value={created.token} onDismiss={() => setCreated(null)}>
          Copy it now and store it where your script reads its secrets; Conflux keeps only a hash of it.
        </OneTimeSecret>
      )}

      {revoke.isError && (
        <div className="callout error" role="alert">
          Could not revoke the token: {formError(revoke.error)}
        </div>
      )}
      {tokens.isPending && (
        <p className="muted" role="status">
          Loading tokens…
        </p>
      )}
      {tokens.isError && (
        <div className="callout error" role="alert">
          Could not load the tokens: {tokens.error.message}{' '}
          <button type="button" className="button small" onClick={() => tokens.refetch()}>
            Try again
          </button>
        </div>
      )}
      {tokens.data && items.length === 0 && (
        <p className="empty">No tokens yet. Name one above (after the script that will use it) and create it.</p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((token) => (
              <tr key={token.id} className={token.revokedAt ? 'inactive' : undefined}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{formatDateTime(token.lastUsedAt, 'Never')}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="pill off" title={`Revoked ${formatDateTime(token.revokedAt)}`}>
                      Revoked
                    </span>
                  ) : (
                    <span className="pill ok">Active</span>
                  )}
                </td>
                <td className="row-actions">
                  {!token.revokedAt && (
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => {
                        revoke.reset();
                        setRevoking(token);
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the token “${revoking?.name ?? ''}”?`}
        confirmLabel={revoke.isPending ? 'Revoking…' : 'Revoke token'}
        pending={revoke.isPending}
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      >
        <p>Every script using it gets 401 from then on. This cannot be undone; create a new token instead.</p>
      </ConfirmDialog>
    </section>
  );
}

function CreateApiTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const createToken = useCreateApiToken();
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateApiTokenRequest.safeParse({ name });
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    createToken.mutate(parsed.data, {
      onSuccess: (created) => {
        setName('');
        onCreated(created);
      },
    });
  }

  const errors = { ...fieldErrors(createToken.error), ...invalid };
  const message = formError(createToken.error, ['name']);
  return (
    <form className="form panel inline-form" onSubmit={submit} noValidate aria-labelledby="create-token-title">
      <h2 id="create-token-title">Create a token</h2>
      <div className="inline-fields">
        <TextField
          label="Token name"
          name="name"
          autoComplete="off"
          placeholder="e.g. nightly export script"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setInvalid({});
          }}
          error={errors.name}
        />
        <button type="submit" className="button primary" disabled={createToken.isPending}>
          {createToken.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
    </form>
  );
}
