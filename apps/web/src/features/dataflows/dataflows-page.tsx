'use client';
import type { Dataflow } from '@conflux/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { CursorPager } from '@/components/cursor-pager';
import { useSearchPaging } from '@/lib/use-search-paging';
import { CreateDataflowForm } from './create-dataflow-form';
import { useDataflows } from './use-dataflows';

const PAGE_SIZE = 20;

export function DataflowsPage() {
  const router = useRouter();
  const paging = useSearchPaging();
  const { search, setSearch, debouncedSearch } = paging;
  const dataflows = useDataflows({ search: debouncedSearch || undefined, cursor: paging.cursor, limit: PAGE_SIZE });
  const [creating, setCreating] = useState(false);

  // A new dataflow has only its Input step: the editor is where the rest is added.
  const created = (dataflow: Dataflow) => router.push(`/dataflows/${encodeURIComponent(dataflow.key)}`);

  const items = dataflows.data?.items ?? [];
  const nothingYet = dataflows.data && items.length === 0 && !debouncedSearch && paging.page === 1;
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Dataflows</h1>
          <p className="lead">
            Steps that take a model from a form or an API call, call your systems, shape the result and answer. Edit a draft, test it, then publish it.
          </p>
        </div>
        {!creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New dataflow
          </button>
        )}
      </div>

      {creating && <CreateDataflowForm onCreated={created} onCancel={() => setCreating(false)} />}

      {!nothingYet && (
        <div className="toolbar">
          <label className="search">
            <span>Search dataflows</span>
            <input type="search" placeholder="Name or key" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          {dataflows.isFetching && !dataflows.isPending && (
            <span className="muted" role="status">
              Updating…
            </span>
          )}
        </div>
      )}

      {dataflows.isPending && (
        <p className="muted" role="status">
          Loading dataflows…
        </p>
      )}
      {dataflows.isError && (
        <div className="callout error" role="alert">
          Could not load the dataflows: {dataflows.error.message}{' '}
          <button type="button" className="button small" onClick={() => dataflows.refetch()}>
            Try again
          </button>
        </div>
      )}
      {nothingYet && !creating && (
        <div className="empty">
          <p>
            <strong>No dataflows yet.</strong> Create the first one with “New dataflow”: it starts with an Input step, and you add steps that call the
            systems described under <Link href="/systems">Systems</Link>, transform the model and write the response.
          </p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New dataflow
          </button>
        </div>
      )}
      {dataflows.data && items.length === 0 && !nothingYet && (
        <p className="empty">{debouncedSearch ? `No dataflow matches “${debouncedSearch}”.` : 'No dataflows on this page.'}</p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Dataflows">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col" className="numeric">
                Latest version
              </th>
              <th scope="col">Published</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((dataflow) => (
              <tr key={dataflow.id}>
                <td>
                  <Link href={`/dataflows/${encodeURIComponent(dataflow.key)}`}>{dataflow.name}</Link>
                  {dataflow.description && <div className="muted clip-line">{dataflow.description}</div>}
                </td>
                <td>
                  <code>{dataflow.key}</code>
                </td>
                <td className="numeric">
                  {dataflow.latestVersion} {dataflow.hasDraft && <span className="pill warn">draft</span>}
                </td>
                <td>{dataflow.publishedVersion !== null ? <span className="pill ok">version {dataflow.publishedVersion}</span> : <span className="pill off">Not published</span>}</td>
                <td>{formatDateTime(dataflow.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager paging={paging} what="dataflows" query={dataflows} />
    </section>
  );
}
