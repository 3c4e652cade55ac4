'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword } from './session.api';
import { sessionKeys } from './session.keys';

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // The API may renew the session (and its CSRF token) when the password changes.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}
