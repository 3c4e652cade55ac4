'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteComponent } from './components.api';
import { componentsKeys } from './components.keys';

export function useDeleteComponent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => deleteComponent(key),
    // Only the lists: refetching the deleted component's page (still on screen) would only answer 404.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: componentsKeys.lists() }),
  });
}
