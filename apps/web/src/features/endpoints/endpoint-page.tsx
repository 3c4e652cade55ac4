'use client';
import { useParams, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { useConnector } from '@/features/connectors/use-connector';
import { useSystem } from '@/features/systems/use-system';
import { EndpointForm } from './endpoint-form';
import { MethodBadge } from './method-badge';
import { TryItPanel } from './try-it-panel';
import { useDeleteEndpoint } from './use-delete-endpoint';
import { useEndpoint } from './use-endpoint';
import { useUpdateEndpoint } from './use-update-endpoint';

export function EndpointPage() {
  const { systemId, connectorId, endpointId } = useParams<{ systemId: string; connectorId: string; endpointId: string }>();
  const router = useRouter();
  const endpoint = useEndpoint(endpointId);
  const connector = useConnector(connectorId);
  const system = useSystem(systemId);
  const updateEndpoint = useUpdateEndpoint();
  const deleteEndpoint = useDeleteEndpoint();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const systemHref = `/systems/${systemId}`;
  const connectorHref = `${systemHref}/connectors/${connectorId}`;
  if (!endpoint.data) {
    return (
      <QueryState
        what="the endpoint"
        isPending={endpoint.isPending}
        error={endpoint.error}
        onRetry={() => endpoint.refetch()}
        back={{ href: connectorHref, label: 'Back to the connector' }}
      />
    );
  }
  const { data } = endpoint;
  return (
    <section>
      <Breadcrumbs
        items={[
          { label: 'Systems', href: '/systems' },
          { label: system.data?.name ?? 'System', href: systemHref },
          { label: connector.data?.name ?? 'Connector', href: connectorHref },
          { label: data.key },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>{data.key}</h1>
          <p className="lead endpoint-line">
            {data.methods.map((method) => (
              <MethodBadge key={method} method={method} />
            ))}{' '}
            <code>{data.path}</code>
            {connector.data && <span className="muted"> on {connector.data.baseUrl}</span>}
            {data.summary && <span className="summary">{data.summary}</span>}
          </p>
        </div>
        <div className="form-actions">
          {!editing && (
            <button type="button" className="button" onClick={() => {
                updateEndpoint.reset();
                setEditing(true);
              }}>
              Edit endpoint
            </button>
          )}
          <button
            type="button"
            className="button danger"
            onClick={() => {
              deleteEndpoint.reset();
              setConfirmingDelete(true);
            }}
          >
            Delete endpoint
          </button>
        </div>
      </div>

      {deleteEndpoint.isError && (
        <ProblemCallout title="The endpoint was not deleted." error={deleteEndpoint.error} onDismiss={() => deleteEndpoint.reset()} />
      )}

      {editing ? (
        <EndpointForm
          endpoint={data}
          pending={updateEndpoint.isPending}
          error={updateEndpoint.error}
          onCancel={() => setEditing(false)}
          onSave={(changes) => updateEndpoint.mutate({ id: data.id, changes }, { onSuccess: () => setEditing(false) })}
        />
      ) : (
        // The parameters decide the inputs of "Try it": a new set starts it afresh.
        <TryItPanel key={data.updatedAt} endpoint={data} />
      )}

      {!editing && data.parameters.length > 0 && (
        <section className="section" aria-labelledby="parameters-title">
          <h2 id="parameters-title">Parameters</h2>
          <table className="table" aria-label="Parameters">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {data.parameters.map((parameter) => (
                <tr key={`${parameter.in}:${parameter.name}`}>
                  <td>
                    <code>{parameter.name}</code>
                  </td>
                  <td>{parameter.in}</td>
                  <td>{parameter.type}</td>
                  <td>{parameter.required ? 'Yes' : 'No'}</td>
                  <td>{parameter.description || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the endpoint “${data.key}”?`}
        confirmLabel={deleteEndpoint.isPending ? 'Deleting…' : 'Delete endpoint'}
        pending={deleteEndpoint.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteEndpoint.mutate(data.id, {
            onSuccess: () => router.push(connectorHref),
            onSettled: () => setConfirmingDelete(false),
          })
        }
      >
        <p>Conflux refuses while a dataflow still calls it.</p>
      </ConfirmDialog>
    </section>
  );
}
