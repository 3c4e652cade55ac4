'use client';
import type { Dataflow } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createDataflow } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

export function useCreateDataflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDataflow,
    onSuccess: (dataflow: Dataflow) => {
      queryClient.setQueryData(dataflowsKeys.detail(dataflow.key), dataflow);
      return queryClient.invalidateQueries({ queryKey: dataflowsKeys.lists() });
    },
  });
}
