'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchBundleImports } from './bundles.api';
import { bundlesKeys } from './bundles.keys';

export function useBundleImports() {
  return useQuery({ queryKey: bundlesKeys.imports(), queryFn: fetchBundleImports });
}
