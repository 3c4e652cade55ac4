'use client';
import type { Dataflow, SaveDraftRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { saveDraft } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

export function useSaveDraft(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveDraftRequest) => saveDraft(key, request),
    onSuccess: (dataflow: Dataflow) => {
      // Also drops the cached steps of the draft version that run views show.
      void queryClient.invalidateQueries({ queryKey: [...dataflowsKeys.detail(key), 'version'] });
      queryClient.setQueryData(dataflowsKeys.detail(key), dataflow);
      return queryClient.invalidateQueries({ queryKey: dataflowsKeys.lists() });
    },
  });
}
