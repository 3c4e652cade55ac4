'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { resetUserPassword } from './users.api';
import { usersKeys } from './users.keys';

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => resetUserPassword(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
