'use client';
import { formatDateTime } from '@/lib/format';
import { useBundleImports } from './use-bundle-imports';

/** The counts an import recorded, in words ("2 created, 1 updated"); what it recorded otherwise is shown as it is. */
function describeCounts(counts: unknown): string {
  if (!counts || typeof counts !== 'object') return '—';
  const { create = 0, update = 0, unchanged = 0 } = counts as Record<string, number>;
  return `${create} created, ${update} updated, ${unchanged} unchanged`;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export function ImportHistory() {
  const imports = useBundleImports();
  const items = imports.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="imports-title">
      <div className="section-header">
        <h2 id="imports-title">Recent imports</h2>
      </div>
      {imports.isPending && (
        <p className="muted" role="status">
          Loading imports…
        </p>
      )}
      {imports.isError && (
        <div className="callout error" role="alert">
          Could not load the imports: {imports.error.message}{' '}
          <button type="button" className="button small" onClick={() => imports.refetch()}>
            Try again
          </button>
        </div>
      )}
      {imports.data && items.length === 0 && <p className="empty">No bundle has been imported into this installation yet.</p>}
      {items.length > 0 && (
        <table className="table" aria-label="Recent imports">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Components</th>
              <th scope="col">Changes</th>
              <th scope="col">Via</th>
            </tr>
          </thead>
          <tbody>
            {items.map((record) => {
              const components = asStrings(record.summary.components);
              const secretsSet = asStrings(record.summary.secretsSet);
              return (
                <tr key={record.id}>
                  <td>{formatDateTime(record.createdAt)}</td>
                  <td>{record.user ? <span title={record.user.email}>{record.user.name}</span> : <span className="muted">—</span>}</td>
                  <td>{components.length > 0 ? components.map((key) => <code key={key}>{key} </code>) : <span className="muted">—</span>}</td>
                  <td>
                    {describeCounts(record.summary.counts)}
                    {secretsSet.length > 0 && <span className="muted"> · {secretsSet.length} {secretsSet.length === 1 ? 'secret' : 'secrets'} set</span>}
                  </td>
                  <td>{typeof record.summary.via === 'string' ? record.summary.via : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
