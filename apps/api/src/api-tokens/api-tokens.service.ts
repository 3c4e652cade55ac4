import { Injectable, NotFoundException } from '@nestjs/common';
import type { ApiToken, PrismaClient } from '@conflux/db';
import type { ApiTokenList, ApiTokenSummary, CreatedApiToken } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { SessionsService } from '../auth/sessions.service';
import { randomToken, sha256 } from '../auth/secrets';
import type { Principal } from '../auth/principal';

function toSummary(token: ApiToken): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/** Tokens act as the admin who created them; each admin manages their own. */
@Injectable()
export class ApiTokensService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async list(owner: Principal): Promise<ApiTokenList> {
    const tokens = await this.prisma.apiToken.findMany({ where: { userId: owner.user.id }, orderBy: { createdAt: 'desc' } });
    return { items: tokens.map(toSummary) };
  }

  async create(owner: Principal, name: string): Promise<CreatedApiToken> {
    const token = randomToken(SessionsService.tokenPrefix);
    const apiToken = await this.prisma.apiToken.create({
      data: { name, userId: owner.user.id, tokenHash: sha256(token), prefix: token.slice(0, 10) },
    });
    return { token, apiToken: toSummary(apiToken) };
  }

  async revoke(owner: Principal, id: string): Promise<void> {
    const { count } = await this.prisma.apiToken.updateMany({
      where: { id, userId: owner.user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0 && !(await this.prisma.apiToken.findFirst({ where: { id, userId: owner.user.id } }))) {
      throw new NotFoundException('No such API token.');
    }
  }
}
