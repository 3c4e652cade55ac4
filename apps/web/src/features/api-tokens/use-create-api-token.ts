'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createApiToken } from './api-tokens.api';
import { apiTokensKeys } from './api-tokens.keys';

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKeys.all }),
  });
}
