'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateRecord } from './records.api';
import { recordsKeys } from './records.keys';

export function useUpdateRecord(componentKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id: string; data: Record<string, unknown> }) => updateRecord(componentKey, id, data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordsKeys.component(componentKey) }),
  });
}
