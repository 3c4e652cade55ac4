'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signIn } from './session.api';
import { sessionKeys } from './session.keys';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // 401 here means a wrong email or password, not an ended session.
    meta: { unauthorizedIsAnAnswer: true },
    onSuccess: (session) => {
      // Nothing cached for a previous account may show to this one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.all, session);
    },
  });
}
