'use client';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { EndpointsSection } from '@/features/endpoints/endpoints-section';
import { useSystem } from '@/features/systems/use-system';
import { describeAuth } from './auth-labels';
import { ConnectorForm } from './connector-form';
import { TestConnection } from './test-connection';
import { useConnector } from './use-connector';
import { useDeleteConnector } from './use-delete-connector';
import { useUpdateConnector } from './use-update-connector';

export function ConnectorPage() {
  const { systemId, connectorId } = useParams<{ systemId: string; connectorId: string }>();
  const router = useRouter();
  const connector = useConnector(connectorId);
  const system = useSystem(systemId);
  const updateConnector = useUpdateConnector();
  const deleteConnector = useDeleteConnector();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [unsavedChanges, setUnsavedChanges] = useState(false);

  const systemHref = `/systems/${systemId}`;
  if (!connector.data) {
    return (
      <QueryState
        what="the connector"
        isPending={connector.isPending}
        error={connector.error}
        onRetry={() => connector.refetch()}
        back={{ href: systemHref, label: 'Back to the system' }}
      />
    );
  }
  const { data } = connector;
  const systemName = system.data?.name ?? 'System';
  return (
    <section>
      <Breadcrumbs items={[{ label: 'Systems', href: '/systems' }, { label: systemName, href: systemHref }, { label: data.name }]} />
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="lead">
            Connector <code>{data.key}</code> of <Link href={systemHref}>{systemName}</Link> · <code>{data.baseUrl}</code> ·{' '}
            {describeAuth(data.auth)}
          </p>
        </div>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            deleteConnector.reset();
            setConfirmingDelete(true);
          }}
        >
          Delete connector
        </button>
      </div>

      {deleteConnector.isError && (
        <ProblemCallout title="The connector was not deleted." error={deleteConnector.error} onDismiss={() => deleteConnector.reset()} />
      )}

      <TestConnection connector={data} unsavedChanges={unsavedChanges} />

      <EndpointsSection connectorId={data.id} basePath={`${systemHref}/connectors/${data.id}`} />

      <ConnectorForm
        connector={data}
        pending={updateConnector.isPending}
        error={updateConnector.error}
        onDirtyChange={setUnsavedChanges}
        onSave={(changes, saved) => updateConnector.mutate({ id: data.id, changes }, { onSuccess: saved })}
      />

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the connector “${data.name}”?`}
        confirmLabel={deleteConnector.isPending ? 'Deleting…' : 'Delete connector'}
        pending={deleteConnector.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteConnector.mutate(data.id, {
            onSuccess: () => router.push(systemHref),
            onSettled: () => setConfirmingDelete(false),
          })
        }
      >
        <p>
          {data.endpointCount === 0
            ? 'It has no endpoints.'
            : `Its ${data.endpointCount === 1 ? 'endpoint' : `${data.endpointCount} endpoints`} and stored credentials are deleted with it.`}{' '}
          Conflux refuses while a dataflow still uses it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
