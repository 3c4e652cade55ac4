'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchApiTokens } from './api-tokens.api';
import { apiTokensKeys } from './api-tokens.keys';

export function useApiTokens() {
  return useQuery({ queryKey: apiTokensKeys.list(), queryFn: fetchApiTokens });
}
