'use client';
import type { Component } from '@conflux/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CursorPager } from '@/components/cursor-pager';
import { useSearchPaging } from '@/lib/use-search-paging';
import { CreateComponentForm } from './create-component-form';
import { useComponents } from './use-components';

const PAGE_SIZE = 20;

export function ComponentsPage() {
  const router = useRouter();
  const paging = useSearchPaging();
  const { search, setSearch, debouncedSearch } = paging;
  const components = useComponents({ search: debouncedSearch || undefined, cursor: paging.cursor, limit: PAGE_SIZE });
  const [creating, setCreating] = useState(false);

  // A new component has no properties yet: its page is where the entity model is described.
  const created = (component: Component) => router.push(`/components/${encodeURIComponent(component.key)}`);

  const items = components.data?.items ?? [];
  const nothingYet = components.data && items.length === 0 && !debouncedSearch && paging.page === 1;
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
      <CursorPager paging={paging} what="components" query={components} />
    </section>
  );
}
