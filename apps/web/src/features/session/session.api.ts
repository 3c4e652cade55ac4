import { SessionResponse, type ChangePasswordRequest, type LoginRequest } from '@conflux/contracts';
import { ApiError, apiFetch, apiSend, setCsrfToken } from '@/lib/api-client';

/** The signed-in session, or null when signed out (401). Keeps the CSRF token in step. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await apiFetch('/auth/session', SessionResponse);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(credentials: LoginRequest): Promise<SessionResponse> {
  const session = await apiFetch('/auth/login', SessionResponse, { method: 'POST', body: JSON.stringify(credentials) });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await apiSend('/auth/logout', { method: 'POST' });
  } catch (error) {
    // A session that already expired is as signed out as it gets.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  setCsrfToken(null);
}

export const changePassword = (request: ChangePasswordRequest) =>
  apiSend('/auth/password', { method: 'POST', body: JSON.stringify(request) });
