'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeApiToken } from './api-tokens.api';
import { apiTokensKeys } from './api-tokens.keys';

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKeys.all }),
  });
}
