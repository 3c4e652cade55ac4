import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';

export const PRISMA = Symbol('PrismaClient');
export const DATABASE_INFO = Symbol('DatabaseInfo');

export interface DatabaseInfo {
  url: string;
  embedded: boolean;
}

/** Injects the one Prisma client of the process. */
export const InjectPrisma = () => Inject(PRISMA);

class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
  async onApplicationShutdown() {
    await this.prisma.$disconnect();
  }
}

/**
 * The database connection is made before Nest starts (the embedded Postgres may have to
 * boot and migrations must be applied first), then handed to the module tree.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forClient(prisma: PrismaClient, info: DatabaseInfo): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: PRISMA, useValue: prisma }, { provide: DATABASE_INFO, useValue: info }, PrismaLifecycle],
      exports: [PRISMA, DATABASE_INFO],
    };
  }
}
