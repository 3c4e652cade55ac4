'use client';
import { useMutation } from '@tanstack/react-query';
import { testConnection } from './connectors.api';

/** "Test connection": changes nothing, so nothing to invalidate. */
export function useTestConnection() {
  return useMutation({ mutationFn: (id: string) => testConnection(id) });
}
