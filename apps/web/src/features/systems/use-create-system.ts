'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createSystem } from './systems.api';
import { systemsKeys } from './systems.keys';

export function useCreateSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSystem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
  });
}
