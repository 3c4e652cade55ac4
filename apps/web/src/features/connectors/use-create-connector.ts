'use client';
import type { CreateConnectorRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { systemsKeys } from '@/features/systems/systems.keys';
import { createConnector } from './connectors.api';
import { connectorsKeys } from './connectors.keys';

export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ systemId, request }: { systemId: string; request: CreateConnectorRequest }) => createConnector(systemId, request),
    // Systems list their connectors and count them.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorsKeys.all }),
        queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
      ]),
  });
}
