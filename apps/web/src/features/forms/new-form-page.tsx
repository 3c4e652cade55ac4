'use client';
import { useParams, useRouter } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { QueryState } from '@/components/query-state';
import { useComponent } from '@/features/components/use-component';
import { FormEditor } from './form-editor';

export function NewFormPage() {
  const { key } = useParams<{ key: string }>();
  const router = useRouter();
  const component = useComponent(key);
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
  return (
    <section className="wide-page">
      <Breadcrumbs
        items={[
          { label: 'Components', href: '/components' },
          { label: data.name, href: `/components/${encodeURIComponent(data.key)}` },
          { label: 'New form' },
        ]}
      />
      <h1>New form</h1>
      <p className="lead">What end users fill in to run one of {data.name}&apos;s dataflows. The preview shows it as they will see it.</p>
      <FormEditor componentKey={data.key} form={null} onSaved={(form) => router.push(`/forms/${form.id}`)} />
    </section>
  );
}
