'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchRun } from './runs.api';
import { runsKeys } from './runs.keys';
import { isActive } from './run-status';

/**
 * One run with its step runs. While it is active, `useRunEvents` keeps the cache current;
 * `poll` is the fallback when the event stream is unavailable.
 */
export function useRun(id: string, { poll = false }: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: runsKeys.detail(id),
    queryFn: () => fetchRun(id),
    refetchInterval: (query) => (poll && query.state.data && isActive(query.state.data) ? 2_000 : false),
  });
}
