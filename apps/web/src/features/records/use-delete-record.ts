'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { componentsKeys } from '@/features/components/components.keys';
import { deleteRecord } from './records.api';
import { recordsKeys } from './records.keys';

export function useDeleteRecord(componentKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRecord(componentKey, id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: recordsKeys.component(componentKey) });
      void queryClient.invalidateQueries({ queryKey: componentsKeys.all });
    },
  });
}
