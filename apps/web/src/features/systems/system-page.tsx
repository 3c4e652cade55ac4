'use client';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { describeAuth } from '@/features/connectors/auth-labels';
import { EditSystemForm } from './edit-system-form';
import { useDeleteSystem } from './use-delete-system';
import { useSystem } from './use-system';

export function SystemPage() {
  const { systemId } = useParams<{ systemId: string }>();
  const router = useRouter();
  const system = useSystem(systemId);
  const deleteSystem = useDeleteSystem();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (!system.data) {
    return (
      <QueryState
        what="the system"
        isPending={system.isPending}
        error={system.error}
        onRetry={() => system.refetch()}
        back={{ href: '/systems', label: 'Back to Systems' }}
      />
    );
  }
  const { data } = system;
  const newConnectorHref = `/systems/${data.id}/connectors/new`;
  return (
    <section>
      <Breadcrumbs items={[{ label: 'Systems', href: '/systems' }, { label: data.name }]} />
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="lead">
            <code>{data.key}</code>
            {data.description && <> · {data.description}</>}
          </p>
        </div>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            deleteSystem.reset();
            setConfirmingDelete(true);
          }}
        >
          Delete system
        </button>
      </div>

      {deleteSystem.isError && (
        <ProblemCallout title="The system was not deleted." error={deleteSystem.error} onDismiss={() => deleteSystem.reset()} />
      )}

      <section className="section" aria-labelledby="connectors-title">
        <div className="section-header">
          <h2 id="connectors-title">Connectors</h2>
          {data.connectors.length > 0 && (
            <Link href={newConnectorHref} className="button primary">
              Add connector
            </Link>
          )}
        </div>
        {data.connectors.length === 0 ? (
          <div className="empty">
            <p>
              <strong>No connectors yet.</strong> A connector says how to reach {data.name} in one environment: its base
              URL, credentials, timeouts and retries. Add one per environment (e.g. test and production).
            </p>
            <Link href={newConnectorHref} className="button primary">
              Add connector
            </Link>
          </div>
        ) : (
          <table className="table" aria-label="Connectors">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Base URL</th>
                <th scope="col">Authentication</th>
                <th scope="col" className="numeric">
                  Endpoints
                </th>
              </tr>
            </thead>
            <tbody>
              {data.connectors.map((connector) => (
                <tr key={connector.id}>
                  <td>
                    <Link href={`/systems/${data.id}/connectors/${connector.id}`}>{connector.name}</Link>
                  </td>
                  <td>
                    <code>{connector.key}</code>
                  </td>
                  <td className="clip">
                    <code>{connector.baseUrl}</code>
                  </td>
                  <td>{describeAuth(connector.auth)}</td>
                  <td className="numeric">{connector.endpointCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <EditSystemForm system={data} />

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the system “${data.name}”?`}
        confirmLabel={deleteSystem.isPending ? 'Deleting…' : 'Delete system'}
        pending={deleteSystem.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteSystem.mutate(data.id, {
            onSuccess: () => router.push('/systems'),
            onSettled: () => setConfirmingDelete(false),
          })
        }
      >
        <p>
          {data.connectors.length === 0
            ? 'It has no connectors.'
            : `Its ${data.connectors.length === 1 ? 'connector' : `${data.connectors.length} connectors`}, their endpoints and stored credentials are deleted with it.`}{' '}
          Conflux refuses while a dataflow still uses it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
