'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchSession } from './session.api';
import { sessionKeys } from './session.keys';

/** The signed-in session: `data` is null when signed out. */
export function useSession() {
  return useQuery({ queryKey: sessionKeys.all, queryFn: fetchSession, staleTime: 60_000 });
}
