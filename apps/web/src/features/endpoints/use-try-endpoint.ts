'use client';
import type { TryEndpointRequest } from '@conflux/contracts';
import { useMutation } from '@tanstack/react-query';
import { tryEndpoint } from './endpoints.api';

/** Sends one request through the endpoint's connector; changes nothing Conflux stores. */
export function useTryEndpoint() {
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: TryEndpointRequest }) => tryEndpoint(id, request),
  });
}
