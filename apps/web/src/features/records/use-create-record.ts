'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { componentsKeys } from '@/features/components/components.keys';
import { createRecord } from './records.api';
import { recordsKeys } from './records.keys';

export function useCreateRecord(componentKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) => createRecord(componentKey, data),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: recordsKeys.component(componentKey) });
      // The component counts its records.
      void queryClient.invalidateQueries({ queryKey: componentsKeys.all });
    },
  });
}
