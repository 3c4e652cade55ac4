'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchDataflows, type DataflowListParams } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

export function useDataflows(params: DataflowListParams) {
  return useQuery({
    queryKey: dataflowsKeys.list(params),
    queryFn: () => fetchDataflows(params),
    // Keep the current page on screen while the next one (or a new search) loads.
    placeholderData: keepPreviousData,
  });
}
