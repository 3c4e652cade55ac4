'use client';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { useComponent } from '@/features/components/use-component';
import { FormEditor } from './form-editor';
import { useDeleteForm } from './use-delete-form';
import { useForm } from './use-form';

export function FormPage() {
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const form = useForm(id);
  const component = useComponent(form.data?.componentKey ?? '');
  const deleteForm = useDeleteForm();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (!form.data) {
    return (
      <QueryState what="the form" isPending={form.isPending} error={form.error} onRetry={() => form.refetch()} back={{ href: '/components', label: 'Back to Components' }} />
    );
  }
  const { data } = form;
  const componentHref = `/components/${encodeURIComponent(data.componentKey)}`;
  return (
    <section className="wide-page">
      <Breadcrumbs
        items={[
          { label: 'Components', href: '/components' },
          { label: component.data?.name ?? data.componentKey, href: componentHref },
          { label: data.name },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="lead">
            <code>{data.key}</code> · a form of <Link href={componentHref}>{component.data?.name ?? data.componentKey}</Link>. Users open it
            under My forms.
          </p>
        </div>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            deleteForm.reset();
            setConfirmingDelete(true);
          }}
        >
          Delete form
        </button>
      </div>
      {deleteForm.isError && <ProblemCallout title="The form was not deleted." error={deleteForm.error} onDismiss={() => deleteForm.reset()} />}
      <FormEditor componentKey={data.componentKey} form={data} onSaved={() => undefined} />
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the form “${data.name}”?`}
        confirmLabel={deleteForm.isPending ? 'Deleting…' : 'Delete form'}
        pending={deleteForm.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteForm.mutate(data.id, {
            onSuccess: () => router.push(componentHref),
            onSettled: () => setConfirmingDelete(false),
          })
        }
      >
        <p>Users can no longer open it. Their past submissions and the runs they started stay.</p>
      </ConfirmDialog>
    </section>
  );
}
