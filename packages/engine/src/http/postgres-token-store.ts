import type { PrismaClient } from '@conflux/db';
import type { SecretBox } from '../secrets/secret-box';
import type { OAuth2Token, TokenStore } from './oauth2';

/**
 * Access tokens in "ConnectorToken", shared by every worker and encrypted at rest like any
 * other secret. `updatedAt` records when the token was obtained, which sets its lifetime.
 */
export class PostgresTokenStore implements TokenStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secretBox: SecretBox,
  ) {}

  /**
   * The stored token, or null when there is none or it cannot be decrypted (the secret key
   * was rotated): a token is only a cache, so the caller simply fetches a new one.
   */
  async get(connectorId: string): Promise<OAuth2Token | null> {
    const row = await this.prisma.connectorToken.findUnique({ where: { connectorId } });
    if (!row) return null;
    let accessToken: string;
    try {
      accessToken = this.secretBox.decrypt(row.accessTokenEncrypted);
    } catch {
      return null;
    }
    return { accessToken, expiresAt: row.expiresAt, obtainedAt: row.updatedAt };
  }

  async save(connectorId: string, token: OAuth2Token): Promise<void> {
    const data = {
      accessTokenEncrypted: this.secretBox.encrypt(token.accessToken),
      expiresAt: token.expiresAt,
      updatedAt: token.obtainedAt,
    };
    await this.prisma.connectorToken.upsert({
      where: { connectorId },
      create: { connectorId, ...data },
      update: data,
    });
  }

  async delete(connectorId: string): Promise<void> {
    await this.prisma.connectorToken.deleteMany({ where: { connectorId } });
  }
}
