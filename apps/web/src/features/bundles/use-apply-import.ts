'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyImport } from './bundles.api';

/** An import may change anything a bundle holds: components, dataflows, forms, systems. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyImport,
    onSettled: () => queryClient.invalidateQueries(),
  });
}
