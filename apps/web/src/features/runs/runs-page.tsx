'use client';
import { RunStatus, RunTrigger } from '@conflux/contracts';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useId, useState } from 'react';
import { formatDuration } from '@/components/outbound-result';
import { formatDateTime } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { RunListParams } from './runs.api';
import { RunStatusBadge } from './run-status-badge';
import { isActive, statusLabels, triggerLabels } from './run-status';
import { useRuns } from './use-runs';

const PAGE_SIZE = 25;

interface Filters {
  dataflow: string;
  status: string;
  trigger: string;
  /** datetime-local values, in the reader's time zone */
  from: string;
  to: string;
}

/** A datetime-local value ("2026-12-03T14:05") as an ISO date-time the API accepts, or undefined. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function RunsPage() {
  // useSearchParams needs a Suspense boundary when the page is prerendered.
  return (
    <Suspense fallback={<p className="muted" role="status">Loading runs…</p>}>
      <RunsList />
    </Suspense>
  );
}

function RunsList() {
  const searchParams = useSearchParams();
  const id = useId();
  const [filters, setFilters] = useState<Filters>(() => ({
    dataflow: searchParams.get('dataflow') ?? '',
    status: RunStatus.safeParse(searchParams.get('status')).success ? searchParams.get('status')! : '',
    trigger: RunTrigger.safeParse(searchParams.get('trigger')).success ? searchParams.get('trigger')! : '',
    from: '',
    to: '',
  }));
  const dataflow = useDebouncedValue(filters.dataflow.trim(), 300);
  const from = toIso(filters.from);
  const to = toIso(filters.to);
  const rangeError = from && to && from > to ? 'The end of the range is before its start.' : null;
  const query: RunListParams = {
    dataflow: dataflow || undefined,
    status: (filters.status || undefined) as RunListParams['status'],
    trigger: (filters.trigger || undefined) as RunListParams['trigger'],
    from,
    to: rangeError ? undefined : to,
  };
  // The cursors of the pages before the current one; changing a filter starts again at page one.
  const queryKey = JSON.stringify(query);
  const [paging, setPaging] = useState<{ query: string; cursors: string[] }>({ query: queryKey, cursors: [] });
  const cursors = paging.query === queryKey ? paging.cursors : [];
  const runs = useRuns({ ...query, cursor: cursors.at(-1), limit: PAGE_SIZE });

  const change = (field: keyof Filters, value: string) => setFilters((current) => ({ ...current, [field]: value }));
  const filtered = Object.values(filters).some(Boolean);
  const items = runs.data?.items ?? [];
  const anyActive = items.some(isActive);

  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <p className="lead">Every execution of a dataflow, newest first: from forms, the API, schedules and editor tests. Open one to see each step.</p>
        </div>
      </div>

      <form className="filters" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
        <div className="filter">
          <label htmlFor={`${id}-dataflowkey`}>Dataflow key</label>
          <input id={`${id}-dataflowkey`} type="search" placeholder="e.g. weather-report" spellCheck={false} value={filters.dataflow} onChange={(event) => change('dataflow', event.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={filters.status} onChange={(event) => change('status', event.target.value)}>
            <option value="">Any status</option>
            {RunStatus.options.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={`${id}-trigger`}>Trigger</label>
          <select id={`${id}-trigger`} value={filters.trigger} onChange={(event) => change('trigger', event.target.value)}>
            <option value="">Any trigger</option>
            {RunTrigger.options.map((trigger) => (
              <option key={trigger} value={trigger}>
                {triggerLabels[trigger]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="datetime-local" value={filters.from} onChange={(event) => change('from', event.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="datetime-local" value={filters.to} aria-invalid={Boolean(rangeError)} onChange={(event) => change('to', event.target.value)} />
        </div>
        {filtered && (
          <button type="button" className="button small" onClick={() => setFilters({ dataflow: '', status: '', trigger: '', from: '', to: '' })}>
            Clear filters
          </button>
        )}
      </form>
      {rangeError && (
        <p className="field-error" role="alert">
          {rangeError}
        </p>
      )}
      <div className="toolbar">
        {anyActive && (
          <span className="muted" role="status">
            <span className="spinner" aria-hidden /> Runs in progress: refreshing every few seconds.
          </span>
        )}
        {runs.isFetching && !runs.isPending && !anyActive && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>

      {runs.isPending && (
        <p className="muted" role="status">
          Loading runs…
        </p>
      )}
      {runs.isError && (
        <div className="callout error" role="alert">
          Could not load the runs: {runs.error.message}{' '}
          <button type="button" className="button small" onClick={() => runs.refetch()}>
            Try again
          </button>
        </div>
      )}
      {runs.data && items.length === 0 && (
        <div className="empty">
          {filtered ? (
            <p>No run matches these filters. Widen the time range or clear the filters.</p>
          ) : (
            <p>
              No runs yet. Start one with <strong>Test run</strong> in a <Link href="/dataflows">dataflow</Link>&apos;s editor, from a form,
              or over the API (<code>POST /api/dataflows/&#123;key&#125;/runs</code>).
            </p>
          )}
        </div>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Dataflow</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col" className="numeric">
                Duration
              </th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {items.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link href={`/runs/${run.id}`} aria-label={`Run of ${run.dataflowName} created ${formatDateTime(run.createdAt)}`}>
                    {formatDateTime(run.createdAt)}
                  </Link>
                </td>
                <td>
                  {run.dataflowName} <span className="muted">v{run.version}</span>
                  <div>
                    <code className="muted">{run.dataflowKey}</code>
                  </div>
                </td>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td>{triggerLabels[run.trigger]}</td>
                <td className="numeric">{run.durationMs !== null ? formatDuration(run.durationMs) : '—'}</td>
                <td className="clip" title={run.error?.message}>
                  {run.error?.message ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 0 || runs.data?.nextCursor) && (
        <nav className="pager" aria-label="Pages of runs">
          <button
            type="button"
            className="button small"
            disabled={cursors.length === 0}
            onClick={() => setPaging({ query: queryKey, cursors: cursors.slice(0, -1) })}
          >
            Newer
          </button>
          <span className="muted">Page {cursors.length + 1}</span>
          <button
            type="button"
            className="button small"
            disabled={!runs.data?.nextCursor || runs.isPlaceholderData}
            onClick={() => runs.data?.nextCursor && setPaging({ query: queryKey, cursors: [...cursors, runs.data.nextCursor] })}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
