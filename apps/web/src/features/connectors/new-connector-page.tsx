'use client';
import { useParams, useRouter } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { QueryState } from '@/components/query-state';
import { useSystem } from '@/features/systems/use-system';
import { ConnectorForm } from './connector-form';
import { useCreateConnector } from './use-create-connector';

export function NewConnectorPage() {
  const { systemId } = useParams<{ systemId: string }>();
  const router = useRouter();
  const system = useSystem(systemId);
  const createConnector = useCreateConnector();

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
  const systemHref = `/systems/${system.data.id}`;
  return (
    <section>
      <Breadcrumbs items={[{ label: 'Systems', href: '/systems' }, { label: system.data.name, href: systemHref }, { label: 'New connector' }]} />
      <h1>New connector for {system.data.name}</h1>
      <p className="lead">
        How Conflux reaches {system.data.name} in one environment. Credentials are stored encrypted and never shown again;
        after saving you can test the connection and add endpoints.
      </p>
      <ConnectorForm
        pending={createConnector.isPending}
        error={createConnector.error}
        onSave={(request) =>
          createConnector.mutate(
            { systemId, request },
            // The form (and the secrets typed into it) goes away with this page.
            { onSuccess: (connector) => router.push(`/systems/${systemId}/connectors/${connector.id}`) },
          )
        }
        onCancel={() => router.push(systemHref)}
      />
    </section>
  );
}
