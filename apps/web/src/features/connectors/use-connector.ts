'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchConnector } from './connectors.api';
import { connectorsKeys } from './connectors.keys';

export function useConnector(id: string) {
  return useQuery({ queryKey: connectorsKeys.detail(id), queryFn: () => fetchConnector(id) });
}
