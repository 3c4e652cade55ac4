'use client';
import type { UpdateComponentRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateComponent } from './components.api';
import { componentsKeys } from './components.keys';

export function useUpdateComponent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, changes }: { key: string; changes: UpdateComponentRequest }) => updateComponent(key, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: componentsKeys.all }),
  });
}
