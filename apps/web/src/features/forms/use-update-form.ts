'use client';
import type { UpdateFormRequest } from '@conflux/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateForm } from './forms.api';
import { formsKeys } from './forms.keys';

export function useUpdateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateFormRequest }) => updateForm(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formsKeys.all }),
  });
}
