'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from './health.api';
import { healthKeys } from './health.keys';

export function useHealth() {
  return useQuery({ queryKey: healthKeys.all, queryFn: fetchHealth, refetchInterval: 15_000 });
}
