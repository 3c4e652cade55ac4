'use client';
import type { UpdateSystemRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateSystem } from './systems.api';
import { systemsKeys } from './systems.keys';

export function useUpdateSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateSystemRequest }) => updateSystem(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsKeys.all }),
  });
}
