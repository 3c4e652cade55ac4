'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchEndpoint } from './endpoints.api';
import { endpointsKeys } from './endpoints.keys';

export function useEndpoint(id: string) {
  return useQuery({ queryKey: endpointsKeys.detail(id), queryFn: () => fetchEndpoint(id) });
}
