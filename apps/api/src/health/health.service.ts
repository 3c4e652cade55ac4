import { Inject, Injectable } from '@nestjs/common';
import { migrationStatus, type PrismaClient } from '@conflux/db';
import type { HealthResponse } from '@conflux/contracts';
import { DATABASE_INFO, InjectPrisma, type DatabaseInfo } from '../database/database.module';
import { version } from '../version';

@Injectable()
export class HealthService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
  ) {}

  async check(): Promise<HealthResponse> {
    try {
      const status = await migrationStatus((sql) => this.prisma.$queryRawUnsafe(sql));
      const current = status.pending.length === 0 && status.failed.length === 0;
      return {
        status: current ? 'ok' : 'degraded',
        version,
        database: { reachable: true, embedded: this.database.embedded },
        migrations: { current, applied: status.applied.length, pending: status.pending },
      };
    } catch {
      return {
        status: 'degraded',
        version,
        database: { reachable: false, embedded: this.database.embedded },
        migrations: { current: false, applied: 0, pending: [] },
      };
    }
  }
}
