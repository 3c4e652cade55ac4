import { z } from 'zod';

export const Role = z.enum(['admin', 'user']);
export type Role = z.infer<typeof Role>;

/** Passwords: long rather than complicated (NIST 800-63B); the upper bound keeps hashing cheap. */
export const Password = z.string().min(12, 'Use at least 12 characters').max(256, 'Use at most 256 characters');

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address').max(254));

export const LoginRequest = z.object({
  email: Email,
  // Any non-empty string: the length rules apply when a password is set, not when it is tried.
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const CurrentUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/**
 * The signed-in browser's session. `csrfToken` must be sent back in the X-CSRF-Token
 * header with every cookie-authenticated POST, PUT, PATCH and DELETE.
 */
export const SessionResponse = z.object({
  user: CurrentUser,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'conflux_session';
