'use client';
import type { UpdateEndpointRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateEndpoint } from './endpoints.api';
import { endpointsKeys } from './endpoints.keys';
import { invalidateAfterEndpointChange } from './invalidate-catalog';

export function useUpdateEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateEndpointRequest }) => updateEndpoint(id, changes),
    onSuccess: (endpoint) => {
      queryClient.setQueryData(endpointsKeys.detail(endpoint.id), endpoint);
      return invalidateAfterEndpointChange(queryClient);
    },
  });
}
