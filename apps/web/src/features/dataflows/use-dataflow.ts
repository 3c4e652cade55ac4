'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchDataflow } from './dataflows.api';
import { dataflowsKeys } from './dataflows.keys';

/**
 * The editor copies the dataflow into its own state when it opens, so each visit loads it
 * afresh (nothing kept once the editor closes) and nothing refetches behind the editor's back;
 * its own saves update the cache.
 */
export function useDataflow(key: string) {
  return useQuery({ queryKey: dataflowsKeys.detail(key), queryFn: () => fetchDataflow(key), staleTime: Infinity, gcTime: 0 });
}
