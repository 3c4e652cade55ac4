'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteSystem } from './systems.api';
import { systemsKeys } from './systems.keys';

export function useDeleteSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSystem(id),
    // Only the lists: refetching the deleted system's page (still on screen) would only answer 404.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsKeys.lists() }),
  });
}
