'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signOut } from './session.api';
import { sessionKeys } from './session.keys';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      // Signed out: the shell sends the browser to /login, and no other account's data stays cached.
      queryClient.setQueryData(sessionKeys.all, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
    },
  });
}
