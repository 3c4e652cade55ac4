import request from 'supertest';
import type { Server } from 'node:http';
import type { PrismaClient, UserRole } from '@conflux/db';
import { CSRF_HEADER } from '@conflux/contracts';
import { hashPassword, randomToken, sha256 } from '../src/auth/secrets';

let counter = 0;
export const PASSWORD = 'correct horse battery staple';

/** A user with a known password; small builder, override what the test cares about. */
export async function createUser(prisma: PrismaClient, overrides: { role?: UserRole; active?: boolean; email?: string } = {}) {
  counter += 1;
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user${counter}-${Date.now()}@example.test`,
      name: `User ${counter}`,
      role: overrides.role ?? 'user',
      active: overrides.active ?? true,
      passwordHash: await hashPassword(PASSWORD),
    },
  });
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

export async function signIn(server: Server, email: string, password = PASSWORD): Promise<SignedIn> {
  const response = await request(server).post('/api/auth/login').send({ email, password }).expect(200);
  const cookie = (response.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  return { cookie, csrfToken: response.body.csrfToken };
}

/** Headers for a cookie-authenticated request (with the CSRF token a browser would send). */
export const asSession = (session: SignedIn) => ({ cookie: session.cookie, [CSRF_HEADER]: session.csrfToken });

export async function createApiToken(prisma: PrismaClient, userId: string) {
  const token = randomToken('cfx_');
  await prisma.apiToken.create({ data: { name: 'test', userId, tokenHash: sha256(token), prefix: token.slice(0, 10) } });
  return token;
}
