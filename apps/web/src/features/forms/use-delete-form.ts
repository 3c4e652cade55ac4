'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { componentsKeys } from '@/features/components/components.keys';
import { deleteForm } from './forms.api';
import { formsKeys } from './forms.keys';

export function useDeleteForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteForm(id),
    // Only the lists: refetching the deleted form (still on screen) would only answer 404.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: formsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: componentsKeys.all });
    },
  });
}
