import { Injectable } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';
import { InjectPrisma } from '../database/database.module';
import { InjectSettings } from '../config/settings.module';
import type { Settings } from '../config/settings';
import type { Principal } from './principal';
import { randomToken, sha256 } from './secrets';

/** lastSeenAt is refreshed at most this often, so reading a session is not a write. */
const TOUCH_INTERVAL_MS = 5 * 60_000;
const TOKEN_PREFIX = 'cfx_';

@Injectable()
export class SessionsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  async create(userId: string, meta: { ip?: string; userAgent?: string }) {
    const token = randomToken();
    const session = await this.prisma.session.create({
      data: {
        userId,
        tokenHash: sha256(token),
        csrfToken: randomToken(),
        expiresAt: new Date(Date.now() + this.settings.auth.sessionTtlMs),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500),
      },
    });
    return { token, session };
  }

  /** The principal behind a session cookie, or null when it is unknown, expired or its user deactivated. */
  async fromCookie(token: string): Promise<Principal | null> {
    const session = await this.prisma.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!session || session.expiresAt <= new Date() || !session.user.active) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
    }
    const { user } = session;
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      via: 'session',
      sessionId: session.id,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  /** The principal behind an API token, or null when it is unknown, revoked or its user deactivated. */
  async fromApiToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const apiToken = await this.prisma.apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!apiToken || apiToken.revokedAt || !apiToken.user.active) return null;
    if (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > 60_000) {
      await this.prisma.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: new Date() } });
    }
    const { user } = apiToken;
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, via: 'token' };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }

  static readonly tokenPrefix = TOKEN_PREFIX;
}
