'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { runsKeys } from '@/features/runs/runs.keys';
import { deleteDataflow } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

export function useDeleteDataflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDataflow,
    onSuccess: (_result, key) => {
      queryClient.removeQueries({ queryKey: dataflowsKeys.detail(key) });
      void queryClient.invalidateQueries({ queryKey: runsKeys.all });
      return queryClient.invalidateQueries({ queryKey: dataflowsKeys.lists() });
    },
  });
}
