'use client';
import type { OpenApiImportRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importEndpoints } from './endpoints.api';
import { invalidateAfterEndpointChange } from './invalidate-catalog';

export function useImportEndpoints() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ connectorId, request }: { connectorId: string; request: OpenApiImportRequest }) => importEndpoints(connectorId, request),
    onSuccess: () => invalidateAfterEndpointChange(queryClient),
  });
}
