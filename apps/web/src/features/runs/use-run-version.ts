'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchRunVersion } from './runs.api';
import { runsKeys } from './runs.keys';

/** The steps of the version a run executes, to show those it has not reached yet. */
export function useRunVersion(dataflowKey: string | undefined, version: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: runsKeys.version(dataflowKey ?? '', version ?? 0),
    queryFn: () => fetchRunVersion(dataflowKey!, version!),
    enabled: enabled && Boolean(dataflowKey) && Boolean(version),
    staleTime: 60_000,
    retry: false,
  });
}
