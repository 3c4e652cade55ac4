'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createComponent } from './components.api';
import { componentsKeys } from './components.keys';

export function useCreateComponent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createComponent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: componentsKeys.all }),
  });
}
