'use client';
import type { Dataflow } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { publishDataflow } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

export function usePublishDataflow(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => publishDataflow(key),
    onSuccess: (dataflow: Dataflow) => {
      queryClient.setQueryData(dataflowsKeys.detail(key), dataflow);
      return queryClient.invalidateQueries({ queryKey: dataflowsKeys.lists() });
    },
  });
}
