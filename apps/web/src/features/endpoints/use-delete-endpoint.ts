'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteEndpoint } from './endpoints.api';
import { invalidateAfterEndpointChange } from './invalidate-catalog';

export function useDeleteEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteEndpoint(id),
    // Not the details: a deleted endpoint's page may still be on screen, and refetching it would only answer 404.
    onSuccess: () => invalidateAfterEndpointChange(queryClient, { details: false }),
  });
}
