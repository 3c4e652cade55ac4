'use client';
import type { Component } from '@conflux/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { CreateComponentForm } from './create-component-form';
import { useComponents } from './use-components';

const PAGE_SIZE = 20;

export function ComponentsPage() {
  const router = useRouter();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  // The cursors of the pages before the current one; a new search starts again at page one.
  const [paging, setPaging] = useState<{ search: string; cursors: string[] }>({ search: '', cursors: [] });
  const cursors = paging.search === debouncedSearch ? paging.cursors : [];
  const components = useComponents({ search: debouncedSearch || undefined, cursor: cursors.at(-1), limit: PAGE_SIZE });
  const [creating, setCreating] = useState(false);

  // A new component has no properties yet: its page is where the entity model is described.
  const created = (component: Component) => router.push(`/components/${encodeURIComponent(component.key)}`);

  const items = components.data?.items ?? [];
  const nothingYet = components.data && items.length === 0 && !debouncedSearch && cursors.length === 0;
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Components</h1>
          <p className="lead">
            The units of your applications: an entity model with its records, the forms end users fill in, the dataflows those
            forms run, and a display function that shapes their results.
          </p>
        </div>
        {!creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New component
          </button>
        )}
      </div>

      {creating && <CreateComponentForm onCreated={created} onCancel={() => setCreating(false)} />}

      {!nothingYet && (
        <div className="toolbar">
          <label className="search">
            <span>Search components</span>
            <input type="search" placeholder="Name, key or description" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          {components.isFetching && !components.isPending && (
            <span className="muted" role="status">
              Updating…
            </span>
          )}
        </div>
      )}

      {components.isPending && (
        <p className="muted" role="status">
          Loading components…
        </p>
      )}
      {components.isError && (
        <div className="callout error" role="alert">
          Could not load the components: {components.error.message}{' '}
          <button type="button" className="button small" onClick={() => components.refetch()}>
            Try again
          </button>
        </div>
      )}
      {nothingYet && !creating && (
        <div className="empty">
          <p>
            <strong>No components yet.</strong> A component groups what one piece of your application needs — e.g. “Weather”:
            the cities and temperatures it stores, the form that asks for a city, the dataflow that fetches the forecast.
          </p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New component
          </button>
        </div>
      )}
      {components.data && items.length === 0 && !nothingYet && (
        <p className="empty">
          {debouncedSearch ? `No component matches “${debouncedSearch}”.` : 'No components on this page.'}
        </p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Components">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Description</th>
              <th scope="col" className="numeric">
                Properties
              </th>
              <th scope="col" className="numeric">
                Records
              </th>
              <th scope="col" className="numeric">
                Dataflows
              </th>
              <th scope="col" className="numeric">
                Forms
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((component) => (
              <tr key={component.id}>
                <td>
                  <Link href={`/components/${encodeURIComponent(component.key)}`}>{component.name}</Link>
                </td>
                <td>
                  <code>{component.key}</code>
                </td>
                <td className="clip" title={component.description || undefined}>
                  {component.description || <span className="muted">—</span>}
                </td>
                <td className="numeric">{component.entityModel.properties.length}</td>
                <td className="numeric">
                  <Link href={`/components/${encodeURIComponent(component.key)}/records`}>{component.recordCount}</Link>
                </td>
                <td className="numeric">{component.dataflowKeys.length}</td>
                <td className="numeric">{component.formCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 0 || components.data?.nextCursor) && (
        <nav className="pager" aria-label="Pages of components">
          <button
            type="button"
            className="button small"
            disabled={cursors.length === 0 || components.isFetching}
            onClick={() => setPaging({ search: debouncedSearch, cursors: cursors.slice(0, -1) })}
          >
            Previous page
          </button>
          <span className="muted">Page {cursors.length + 1}</span>
          <button
            type="button"
            className="button small"
            disabled={!components.data?.nextCursor || components.isPlaceholderData || components.isFetching}
            onClick={() =>
              components.data?.nextCursor && setPaging({ search: debouncedSearch, cursors: [...cursors, components.data.nextCursor] })
            }
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
