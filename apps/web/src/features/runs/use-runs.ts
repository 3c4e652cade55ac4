'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchRuns, type RunListParams } from './runs.api';
import { runsKeys } from './runs.keys';
import { isActive } from './run-status';

/** A page of runs, newest first; refreshed every few seconds while one of them is queued or running. */
export function useRuns(params: RunListParams) {
  return useQuery({
    queryKey: runsKeys.list(params),
    queryFn: () => fetchRuns(params),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? 3_000 : false),
  });
}
