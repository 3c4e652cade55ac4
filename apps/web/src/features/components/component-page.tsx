'use client';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { useComponentForms } from '@/features/forms/use-component-forms';
import { ComponentDetailsForm } from './component-details-form';
import { DisplayFunctionEditor } from './display-function-editor';
import { EntityModelEditor } from './entity-model-editor';
import { useComponent } from './use-component';
import { useComponentDataflows } from './use-component-dataflows';
import { useDeleteComponent } from './use-delete-component';

export function ComponentPage() {
  const { key } = useParams<{ key: string }>();
  const router = useRouter();
  const component = useComponent(key);
  const dataflows = useComponentDataflows(component.data?.id);
  const forms = useComponentForms(key);
  const deleteComponent = useDeleteComponent();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

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
  const base = `/components/${encodeURIComponent(data.key)}`;
  const formItems = forms.data?.items ?? [];
  const dataflowItems = dataflows.data ?? [];
  return (
    <section>
      <Breadcrumbs items={[{ label: 'Components', href: '/components' }, { label: data.name }]} />
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="lead">
            <code>{data.key}</code>
            {data.description && <> · {data.description}</>}
          </p>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button danger"
            onClick={() => {
              deleteComponent.reset();
              setConfirmingDelete(true);
            }}
          >
            Delete component
          </button>
        </div>
      </div>

      {deleteComponent.isError && (
        <ProblemCallout title="The component was not deleted." error={deleteComponent.error} onDismiss={() => deleteComponent.reset()} />
      )}

      <EntityModelEditor component={data} />
      <DisplayFunctionEditor key={`display-${data.id}`} component={data} />

      <section className="section" aria-labelledby="forms-title">
        <div className="section-header">
          <h2 id="forms-title">Forms</h2>
          <Link href={`${base}/forms/new`} className="button primary">
            New form
          </Link>
        </div>
        {forms.isPending && <p className="muted">Loading forms…</p>}
        {forms.isError && (
          <div className="callout error" role="alert">
            Could not load the forms: {forms.error.message}
          </div>
        )}
        {forms.data && formItems.length === 0 && (
          <p className="empty">No forms yet. A form asks end users for values and runs one of this component&apos;s dataflows with them.</p>
        )}
        {formItems.length > 0 && (
          <table className="table" aria-label="Forms">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Dataflow</th>
                <th scope="col" className="numeric">
                  Fields
                </th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {formItems.map((form) => (
                <tr key={form.id}>
                  <td>
                    <Link href={`/forms/${form.id}`}>{form.name}</Link>
                  </td>
                  <td>
                    <code>{form.key}</code>
                  </td>
                  <td>{form.dataflowKey ? <code>{form.dataflowKey}</code> : <span className="muted">None yet</span>}</td>
                  <td className="numeric">{form.fields.length}</td>
                  <td>
                    {[
                      ...form.access.roles.map((role) => (role === 'admin' ? 'Admins' : 'Users')),
                      ...(form.access.userIds.length > 0 ? [`${form.access.userIds.length} named`] : []),
                    ].join(', ') || <span className="muted">Nobody yet</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="section" aria-labelledby="dataflows-title">
        <div className="section-header">
          <h2 id="dataflows-title">Dataflows</h2>
          <Link href="/dataflows" className="button">
            All dataflows
          </Link>
        </div>
        {dataflows.isPending && <p className="muted">Loading dataflows…</p>}
        {dataflows.isError && (
          <div className="callout error" role="alert">
            Could not load the dataflows: {dataflows.error.message}
          </div>
        )}
        {dataflows.data && dataflowItems.length === 0 && (
          <p className="empty">No dataflows belong to this component yet. Create one under Dataflows and choose this component for it.</p>
        )}
        {dataflowItems.length > 0 && (
          <table className="table" aria-label="Dataflows">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {dataflowItems.map((dataflow) => (
                <tr key={dataflow.id}>
                  <td>
                    <Link href={`/dataflows/${encodeURIComponent(dataflow.key)}`}>{dataflow.name}</Link>
                  </td>
                  <td>
                    <code>{dataflow.key}</code>
                  </td>
                  <td>
                    {dataflow.publishedVersion !== null ? (
                      `Version ${dataflow.publishedVersion}${dataflow.hasDraft ? ' (a draft is newer)' : ''}`
                    ) : (
                      <span className="muted">Not published: forms cannot run it yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ComponentDetailsForm component={data} />

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the component “${data.name}”?`}
        confirmLabel={deleteComponent.isPending ? 'Deleting…' : 'Delete component'}
        pending={deleteComponent.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteComponent.mutate(data.key, {
            onSuccess: () => router.push('/components'),
            onSettled: () => setConfirmingDelete(false),
          })
        }
      >
        <p>
          {data.recordCount === 0 ? 'It has no records.' : `Its ${data.recordCount === 1 ? 'record is' : `${data.recordCount} records are`} deleted with it.`}{' '}
          Conflux refuses while dataflows or forms still use it, and lists them.
        </p>
      </ConfirmDialog>
    </section>
  );
}
