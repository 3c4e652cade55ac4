'use client';
import type { UpdateConnectorRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { systemsKeys } from '@/features/systems/systems.keys';
import { updateConnector } from './connectors.api';
import { connectorsKeys } from './connectors.keys';

export function useUpdateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateConnectorRequest }) => updateConnector(id, changes),
    onSuccess: (connector) => {
      queryClient.setQueryData(connectorsKeys.detail(connector.id), connector);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: connectorsKeys.all }),
        queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
      ]);
    },
  });
}
