'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createUser } from './users.api';
import { usersKeys } from './users.keys';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
