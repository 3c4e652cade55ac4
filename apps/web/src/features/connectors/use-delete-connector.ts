'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { systemsKeys } from '@/features/systems/systems.keys';
import { deleteConnector } from './connectors.api';

export function useDeleteConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteConnector(id),
    // Not the connector itself: its page is still on screen, and refetching it would only answer 404.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
  });
}
