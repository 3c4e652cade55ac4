'use client';
import type { EntityRecord } from '@conflux/contracts';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { useComponent } from '@/features/components/use-component';
import { formatDateTime } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { RecordForm } from './record-form';
import { cellText, propertyLabel } from './record-values';
import { useDeleteRecord } from './use-delete-record';
import { useRecords } from './use-records';

const PAGE_SIZE = 20;

type Editing = { record: EntityRecord | null } | null;

export function RecordsPage() {
  const { key } = useParams<{ key: string }>();
  const component = useComponent(key);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<{ property: string; order: 'asc' | 'desc' } | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const debouncedFilters = useDebouncedValue(JSON.stringify(filters), 300);
  const activeFilters = Object.fromEntries(Object.entries(JSON.parse(debouncedFilters) as Record<string, string>).filter(([, value]) => value.trim() !== ''));
  const records = useRecords(key, {
    offset,
    limit: PAGE_SIZE,
    sort: sort?.property,
    order: sort?.order,
    filter: Object.keys(activeFilters).length > 0 ? activeFilters : undefined,
  });
  const deleteRecord = useDeleteRecord(key);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<EntityRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!component.data) {
    return (
      <QueryState
        what="the component"
        isPending={component.isPending}
        error={component.error}
        onRetry={() => component.refetch()}
        back={{ href: '/components', label: 'Back to Components' }}
      />
    );
  }
  const { data } = component;
  const properties = data.entityModel.properties;
  const titleProperty = properties.find((property) => property.isTitle) ?? properties[0];
  const items = records.data?.items ?? [];
  const total = records.data?.total ?? 0;
  const filtering = Object.keys(activeFilters).length > 0;

  function sortBy(property: string) {
    setSort((current) => (current?.property === property ? { property, order: current.order === 'asc' ? 'desc' : 'asc' } : { property, order: 'asc' }));
    setOffset(0);
  }
  const recordName = (record: EntityRecord) => (titleProperty ? cellText(titleProperty.type, record.data[titleProperty.name]) : record.id);

  return (
    <section>
      <Breadcrumbs
        items={[
          { label: 'Components', href: '/components' },
          { label: data.name, href: `/components/${encodeURIComponent(data.key)}` },
          { label: 'Records' },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>Records of {data.name}</h1>
          <p className="lead">
            Stored by Update entry steps and by hand. Each one fits the entity model; click a column to sort by it.
          </p>
        </div>
        {!editing && properties.length > 0 && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setNotice(null);
              setEditing({ record: null });
            }}
          >
            New record
          </button>
        )}
      </div>

      {properties.length === 0 && (
        <div className="empty">
          <p>
            <strong>The entity model has no properties yet.</strong> Describe them on the component&apos;s page first.
          </p>
          <Link href={`/components/${encodeURIComponent(data.key)}`} className="button primary">
            Describe the entity model
          </Link>
        </div>
      )}

      {editing && (
        <RecordForm
          key={editing.record?.id ?? 'new'}
          componentKey={data.key}
          model={data.entityModel}
          record={editing.record}
          onCancel={() => setEditing(null)}
          onDone={(record) => {
            setEditing(null);
            setNotice(editing.record ? `Saved the record ${recordName(record)}.` : `Created the record ${recordName(record)}.`);
          }}
        />
      )}
      {notice && (
        <p className="callout ok" role="status">
          {notice}
        </p>
      )}
      {deleteRecord.isError && <ProblemCallout title="The record was not deleted." error={deleteRecord.error} onDismiss={() => deleteRecord.reset()} />}

      {properties.length > 0 && (
        <>
          <div className="filters" role="search" aria-label="Filter records">
            {properties.map((property) => (
              <label key={property.name} className="record-filter">
                {propertyLabel(property)}
                <input
                  type="search"
                  aria-label={`Filter ${propertyLabel(property)}`}
                  placeholder="Exact value"
                  value={filters[property.name] ?? ''}
                  onChange={(event) => {
                    setFilters((current) => ({ ...current, [property.name]: event.target.value }));
                    setOffset(0);
                  }}
                />
              </label>
            ))}
            {Object.values(filters).some(Boolean) && (
              <button type="button" className="button small" onClick={() => setFilters({})}>
                Clear filters
              </button>
            )}
            {records.isFetching && !records.isPending && (
              <span className="muted" role="status">
                Updating…
              </span>
            )}
          </div>

          {records.isPending && (
            <p className="muted" role="status">
              Loading records…
            </p>
          )}
          {records.isError && (
            <div className="callout error" role="alert">
              Could not load the records: {records.error.message}{' '}
              <button type="button" className="button small" onClick={() => records.refetch()}>
                Try again
              </button>
            </div>
          )}
          {records.data && items.length === 0 && (
            <div className="empty">
              {filtering ? (
                <p>No record matches these filters.</p>
              ) : (
                <p>
                  <strong>No records yet.</strong> Add one with “New record”, or let a dataflow&apos;s Update entry step store them.
                </p>
              )}
            </div>
          )}
          {items.length > 0 && (
            <table className="table" aria-label="Records">
              <thead>
                <tr>
                  {properties.map((property) => {
                    const sorted = sort?.property === property.name ? sort.order : null;
                    return (
                      <th key={property.name} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                        <button type="button" className="sort-button" onClick={() => sortBy(property.name)}>
                          {propertyLabel(property)}
                          <span aria-hidden className="sort-mark">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      </th>
                    );
                  })}
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((record) => (
                  <tr key={record.id}>
                    {properties.map((property) => (
                      <td key={property.name} className="clip">
                        {cellText(property.type, record.data[property.name])}
                      </td>
                    ))}
                    <td className="muted">{formatDateTime(record.updatedAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Edit ${recordName(record)}`}
                        onClick={() => {
                          setNotice(null);
                          setEditing({ record });
                        }}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={`Delete ${recordName(record)}`}
                        onClick={() => {
                          deleteRecord.reset();
                          setDeleting(record);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {records.data && total > 0 && (
            <nav className="pager" aria-label="Pages of records">
              <span className="muted">
                {offset + 1}–{Math.min(offset + items.length, total)} of {total}
              </span>
              <button type="button" className="button small" disabled={offset === 0 || records.isFetching} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                Previous page
              </button>
              <button
                type="button"
                className="button small"
                disabled={offset + PAGE_SIZE >= total || records.isPlaceholderData || records.isFetching}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Next page
              </button>
            </nav>
          )}
        </>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the record “${recordName(deleting)}”?` : 'Delete the record?'}
        confirmLabel={deleteRecord.isPending ? 'Deleting…' : 'Delete record'}
        pending={deleteRecord.isPending}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          deleteRecord.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(`Deleted the record ${recordName(deleting)}.`);
              // The last record of a page: go back one page.
              if (items.length === 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
            },
            onSettled: () => setDeleting(null),
          })
        }
      >
        <p>It cannot be restored.</p>
      </ConfirmDialog>
    </section>
  );
}
