'use client';
import type { CreateFormRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { componentsKeys } from '@/features/components/components.keys';
import { createForm } from './forms.api';
import { formsKeys } from './forms.keys';

export function useCreateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ componentKey, request }: { componentKey: string; request: CreateFormRequest }) => createForm(componentKey, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: formsKeys.all });
      // The component counts its forms.
      void queryClient.invalidateQueries({ queryKey: componentsKeys.all });
    },
  });
}
