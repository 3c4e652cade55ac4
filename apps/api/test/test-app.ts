import type { NestExpressApplication } from '@nestjs/platform-express';
import { createPrismaClient, type PrismaClient } from '@conflux/db';
import { createApp } from '../src/app';
import { loadSettings } from '../src/config/settings';

export interface TestApp {
  app: NestExpressApplication;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** The real Nest application on the run's test database (see the Jest global setup). */
export async function startTestApp(databaseUrl = process.env.DATABASE_URL!): Promise<TestApp> {
  const settings = { ...loadSettings({ DATABASE_URL: databaseUrl }), logLevel: 'silent' as const };
  const prisma = createPrismaClient(databaseUrl, { poolSize: 4 });
  const app = await createApp({ settings, prisma, database: { url: databaseUrl, embedded: false } });
  await app.init();
  return {
    app,
    prisma,
    close: async () => {
      await app.close();
      await prisma.$disconnect();
    },
  };
}
