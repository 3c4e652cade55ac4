'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchSystems, type SystemListParams } from './systems.api';
import { systemsKeys } from './systems.keys';

export function useSystems(params: SystemListParams) {
  return useQuery({
    queryKey: systemsKeys.list(params),
    queryFn: () => fetchSystems(params),
    // Keep the current page on screen while the next one (or a new search) loads.
    placeholderData: keepPreviousData,
  });
}
