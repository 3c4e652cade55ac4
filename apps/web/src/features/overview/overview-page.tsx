'use client';
import { useHealth } from '@/features/health/use-health';

export function OverviewPage() {
  const health = useHealth();
  return (
    <section>
      <h1>Status</h1>
      <p className="lead">
        Conflux connects your external systems to dataflows and forms. This page shows whether this installation is ready.
      </p>
      {health.isPending && <p className="muted" role="status">Checking the API…</p>}
      {health.isError && (
        <div className="callout error" role="alert">
          The API did not answer: {health.error.message}. Is it running (npm start starts it on port 3001)?
        </div>
      )}
      {health.data && (
        <dl className="facts" aria-label="Health">
          <dt>Overall</dt>
          <dd>
            <span className={health.data.status === 'ok' ? 'pill ok' : 'pill warn'}>
              {health.data.status === 'ok' ? 'Healthy' : 'Degraded'}
            </span>
          </dd>
          <dt>Database</dt>
          <dd>
            {health.data.database.reachable ? 'Reachable' : 'Unreachable'} ·{' '}
            {health.data.database.embedded ? 'embedded Postgres' : 'DATABASE_URL'}
          </dd>
          <dt>Migrations</dt>
          <dd>
            {health.data.migrations.current
              ? `Current (${health.data.migrations.applied} applied)`
              : `Pending: ${health.data.migrations.pending.join(', ') || 'unknown'}`}
          </dd>
          <dt>Version</dt>
          <dd>{health.data.version}</dd>
        </dl>
      )}
    </section>
  );
}
