'use client';
import type { Endpoint } from '@conflux/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { EndpointForm } from './endpoint-form';
import { ImportOpenApiDialog } from './import-openapi-dialog';
import { MethodBadge } from './method-badge';
import { useCreateEndpoint } from './use-create-endpoint';
import { useDeleteEndpoint } from './use-delete-endpoint';
import { useEndpoints } from './use-endpoints';

/** The endpoints of a connector: list, add, import from OpenAPI, delete; each opens its page with "Try it". */
export function EndpointsSection({ connectorId, basePath }: { connectorId: string; /** The connector page's path. */ basePath: string }) {
  const endpoints = useEndpoints(connectorId);
  const createEndpoint = useCreateEndpoint();
  const deleteEndpoint = useDeleteEndpoint();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = endpoints.data?.items ?? [];

  return (
    <section className="section" aria-labelledby="endpoints-title">
      <div className="section-header">
        <h2 id="endpoints-title">Endpoints</h2>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setImporting(true);
            }}
          >
            Import from OpenAPI
          </button>
          {!adding && (
            <button
              type="button"
              className="button primary"
              onClick={() => {
                createEndpoint.reset();
                setNotice(null);
                setAdding(true);
              }}
            >
              Add endpoint
            </button>
          )}
        </div>
      </div>

      {adding && (
        <EndpointForm
          pending={createEndpoint.isPending}
          error={createEndpoint.error}
          onCancel={() => setAdding(false)}
          onSave={(request) =>
            createEndpoint.mutate(
              { connectorId, request },
              {
                onSuccess: (endpoint) => {
                  setAdding(false);
                  setNotice(`Added the endpoint ${endpoint.key}.`);
                },
              },
            )
          }
        />
      )}
      {notice && (
        <p className="callout ok" role="status">
          {notice}
        </p>
      )}
      {deleteEndpoint.isError && (
        <ProblemCallout title="The endpoint was not deleted." error={deleteEndpoint.error} onDismiss={() => deleteEndpoint.reset()} />
      )}

      {endpoints.isPending && (
        <p className="muted" role="status">
          Loading endpoints…
        </p>
      )}
      {endpoints.isError && (
        <div className="callout error" role="alert">
          Could not load the endpoints: {endpoints.error.message}{' '}
          <button type="button" className="button small" onClick={() => endpoints.refetch()}>
            Try again
          </button>
        </div>
      )}
      {endpoints.data && items.length === 0 && !adding && (
        <div className="empty">
          <p>
            <strong>No endpoints yet.</strong> Describe the paths your dataflows will call: import them from the system&apos;s
            OpenAPI document, or add them one by one.
          </p>
        </div>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Endpoints">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Methods</th>
              <th scope="col">Path</th>
              <th scope="col">Summary</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <Link href={`${basePath}/endpoints/${endpoint.id}`}>
                    <code>{endpoint.key}</code>
                  </Link>
                </td>
                <td className="methods">
                  {endpoint.methods.map((method) => (
                    <MethodBadge key={method} method={method} />
                  ))}
                </td>
                <td>
                  <code>{endpoint.path}</code>
                </td>
                <td className="clip" title={endpoint.summary || undefined}>
                  {endpoint.summary || <span className="muted">—</span>}
                </td>
                <td className="row-actions">
                  <Link href={`${basePath}/endpoints/${endpoint.id}`} className="button small" aria-label={`Try it: ${endpoint.key}`}>
                    Try it
                  </Link>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Delete ${endpoint.key}`}
                    onClick={() => {
                      deleteEndpoint.reset();
                      setDeleting(endpoint);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {importing && (
        <ImportOpenApiDialog
          connectorId={connectorId}
          onClose={() => setImporting(false)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the endpoint “${deleting?.key ?? ''}”?`}
        confirmLabel={deleteEndpoint.isPending ? 'Deleting…' : 'Delete endpoint'}
        pending={deleteEndpoint.isPending}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && deleteEndpoint.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
      >
        <p>
          {deleting?.methods.join(', ')} <code>{deleting?.path}</code>. Conflux refuses while a dataflow still calls it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
