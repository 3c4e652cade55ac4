'use client';
import type { RunView, StartRunRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { runsKeys } from '@/features/runs/runs.keys';
import { startRun } from './dataflows.api';

/** Starts a run and puts it in the runs cache, where the run view (and its live events) pick it up. */
export function useStartTestRun(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartRunRequest) => startRun(key, request),
    onSuccess: (run: RunView) => {
      queryClient.setQueryData(runsKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: runsKeys.lists() });
    },
  });
}
