'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelRun } from './runs.api';
import { runsKeys } from './runs.keys';

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRun,
    onSuccess: (run) => {
      queryClient.setQueryData(runsKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: runsKeys.lists() });
    },
  });
}
