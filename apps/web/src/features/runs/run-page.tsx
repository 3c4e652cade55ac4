'use client';
import { useParams } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { RunDetails } from './run-details';

export function RunPage() {
  const { id } = useParams<{ id: string }>();
  return (
    <section>
      <Breadcrumbs items={[{ label: 'Runs', href: '/runs' }, { label: 'Run' }]} />
      <RunDetails id={id} heading="h1" />
    </section>
  );
}
