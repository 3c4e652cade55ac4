'use client';
import type { CreateEndpointRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createEndpoint } from './endpoints.api';
import { invalidateAfterEndpointChange } from './invalidate-catalog';

export function useCreateEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ connectorId, request }: { connectorId: string; request: CreateEndpointRequest }) => createEndpoint(connectorId, request),
    onSuccess: () => invalidateAfterEndpointChange(queryClient),
  });
}
