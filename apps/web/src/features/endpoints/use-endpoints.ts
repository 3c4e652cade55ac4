'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchEndpoints } from './endpoints.api';
import { endpointsKeys } from './endpoints.keys';

export function useEndpoints(connectorId: string) {
  return useQuery({ queryKey: endpointsKeys.list(connectorId), queryFn: () => fetchEndpoints(connectorId) });
}
