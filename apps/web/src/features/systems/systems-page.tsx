'use client';
import type { SystemSummary } from '@conflux/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CursorPager } from '@/components/cursor-pager';
import { useSearchPaging } from '@/lib/use-search-paging';
import { CreateSystemForm } from './create-system-form';
import { useSystems } from './use-systems';

const PAGE_SIZE = 20;

export function SystemsPage() {
  const router = useRouter();
  const paging = useSearchPaging();
  const { search, setSearch, debouncedSearch } = paging;
  const systems = useSystems({ search: debouncedSearch || undefined, cursor: paging.cursor, limit: PAGE_SIZE });
  const [creating, setCreating] = useState(false);

  // A new system has nothing to call yet: its page is where connectors are added.
  const created = (system: SystemSummary) => router.push(`/systems/${system.id}`);

  const items = systems.data?.items ?? [];
  const nothingYet = systems.data && items.length === 0 && !debouncedSearch && paging.page === 1;
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Systems</h1>
          <p className="lead">
            The external systems your dataflows call. Each has connectors (how to reach it in one environment: base URL,
            credentials, retries) and endpoints (the paths it offers).
          </p>
        </div>
        {!creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New system
          </button>
        )}
      </div>

      {creating && <CreateSystemForm onCreated={created} onCancel={() => setCreating(false)} />}

      {!nothingYet && (
        <div className="toolbar">
          <label className="search">
            <span>Search systems</span>
            <input type="search" placeholder="Name, key or description" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          {systems.isFetching && !systems.isPending && (
            <span className="muted" role="status">
              Updating…
            </span>
          )}
        </div>
      )}

      {systems.isPending && (
        <p className="muted" role="status">
          Loading systems…
        </p>
      )}
      {systems.isError && (
        <div className="callout error" role="alert">
          Could not load the systems: {systems.error.message}{' '}
          <button type="button" className="button small" onClick={() => systems.refetch()}>
            Try again
          </button>
        </div>
      )}
      {nothingYet && !creating && (
        <div className="empty">
          <p>
            <strong>No systems yet.</strong> Describe the first external system your dataflows will call — a weather
            service, your CRM, a payment provider — with “New system”.
          </p>
          <p>Then add a connector with its base URL and credentials, and import its endpoints from an OpenAPI document.</p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New system
          </button>
        </div>
      )}
      {systems.data && items.length === 0 && !nothingYet && (
        <p className="empty">
          {debouncedSearch
            ? `No system matches “${debouncedSearch}”. Check the spelling, or add it with “New system”.`
            : 'No systems on this page.'}
        </p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Systems">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Description</th>
              <th scope="col" className="numeric">
                Connectors
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((system) => (
              <tr key={system.id}>
                <td>
                  <Link href={`/systems/${system.id}`}>{system.name}</Link>
                </td>
                <td>
                  <code>{system.key}</code>
                </td>
                <td className="clip" title={system.description || undefined}>
                  {system.description || <span className="muted">—</span>}
                </td>
                <td className="numeric">{system.connectorCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager paging={paging} what="systems" query={systems} />
    </section>
  );
}
