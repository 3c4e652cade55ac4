import type { CurrentUser } from '@conflux/contracts';

/** Who is asking: a signed-in browser (session) or automation (API token). */
export interface Principal {
  user: CurrentUser;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  expiresAt?: Date;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
