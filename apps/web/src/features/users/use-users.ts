'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchUsers, type UserListParams } from './users.api';
import { usersKeys } from './users.keys';

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: usersKeys.list(params),
    queryFn: () => fetchUsers(params),
    // Keep the current page on screen while the next one (or a new search) loads.
    placeholderData: keepPreviousData,
  });
}
