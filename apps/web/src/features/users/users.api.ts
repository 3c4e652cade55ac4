import {
  UserList,
  UserSummary,
  UserWithPassword,
  type CreateUserRequest,
  type ResetPasswordRequest,
  type UpdateUserRequest,
} from '@conflux/contracts';
import { apiFetch } from '@/lib/api-client';

export interface UserListParams {
  search?: string;
  cursor?: string;
  limit?: number;
}

export function fetchUsers({ search, cursor, limit }: UserListParams) {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const suffix = query.toString() ? `?${query}` : '';
  return apiFetch(`/users${suffix}`, UserList);
}

export const createUser = (request: CreateUserRequest) =>
  apiFetch('/users', UserWithPassword, { method: 'POST', body: JSON.stringify(request) });

export const updateUser = (id: string, changes: UpdateUserRequest) =>
  apiFetch(`/users/${encodeURIComponent(id)}`, UserSummary, { method: 'PATCH', body: JSON.stringify(changes) });

export const resetUserPassword = (id: string, request: ResetPasswordRequest = {}) =>
  apiFetch(`/users/${encodeURIComponent(id)}/password`, UserWithPassword, { method: 'POST', body: JSON.stringify(request) });
