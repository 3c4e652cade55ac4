import { Module } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';
import { EgressPolicy, HttpClient, PostgresRateLimitStore, PostgresTokenStore } from '@conflux/engine';
import { PRISMA } from '../database/database.module';
import { SETTINGS } from '../config/settings.module';
import type { Settings } from '../config/settings';
import { SECRET_BOX, type SecretBox } from '../secrets/secrets.module';
import { ConnectorMapper } from '../connectors/connector-mapper';
import { HTTP_CLIENT, OutboundService } from './outbound.service';

/** One HTTP client per process: keep-alive pools per connector, shared rate limits and OAuth2 tokens in Postgres. */
@Module({
  providers: [
    {
      provide: HTTP_CLIENT,
      inject: [PRISMA, SETTINGS, SECRET_BOX],
      useFactory: (prisma: PrismaClient, settings: Settings, box: SecretBox) =>
        new HttpClient({
          egressPolicy: new EgressPolicy({ blockPrivate: settings.egress.blockPrivate }),
          rateLimitStore: new PostgresRateLimitStore(prisma),
          tokenStore: new PostgresTokenStore(prisma, box),
        }),
    },
    ConnectorMapper,
    OutboundService,
  ],
  exports: [OutboundService, ConnectorMapper, HTTP_CLIENT],
})
export class OutboundModule {}
