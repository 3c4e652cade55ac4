import { z } from 'zod';
import { Email, Password, Role } from './auth';
import { PageQuery, pageOf } from './pagination';

export const UserSummary = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserListQuery = PageQuery.extend({
  search: z.string().trim().max(200).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = pageOf(UserSummary);
export type UserList = z.infer<typeof UserList>;

export const UserName = z.string().trim().min(1, 'Enter a name').max(200);

/** Without `password`, a one-time password is generated and returned once. */
export const CreateUserRequest = z.object({
  email: Email,
  name: UserName,
  role: Role.default('user'),
  password: Password.optional(),
});
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({ name: UserName, role: Role, active: z.boolean() })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'Change at least one of name, role, active' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z.object({ password: Password.optional() });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/** `temporaryPassword` is present only when the server generated it; it is never shown again. */
export const UserWithPassword = z.object({ user: UserSummary, temporaryPassword: z.string().optional() });
export type UserWithPassword = z.infer<typeof UserWithPassword>;
