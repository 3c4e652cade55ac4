'use client';
import { useParams } from 'next/navigation';
import { QueryState } from '@/components/query-state';
import { DataflowEditor } from './dataflow-editor';
import { useDataflow } from './use-dataflow';

export function DataflowEditorPage() {
  const { key } = useParams<{ key: string }>();
  const dataflow = useDataflow(key);
  if (!dataflow.data) {
    return (
      <QueryState
        what="the dataflow"
        isPending={dataflow.isPending}
        error={dataflow.error}
        onRetry={() => dataflow.refetch()}
        back={{ href: '/dataflows', label: 'Back to Dataflows' }}
      />
    );
  }
  // Keyed by the dataflow: another dataflow starts a fresh editor state.
  return <DataflowEditor key={dataflow.data.key} dataflow={dataflow.data} />;
}
