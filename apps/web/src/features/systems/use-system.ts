'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchSystem } from './systems.api';
import { systemsKeys } from './systems.keys';

/** One system with its connectors. */
export function useSystem(id: string) {
  return useQuery({ queryKey: systemsKeys.detail(id), queryFn: () => fetchSystem(id) });
}
