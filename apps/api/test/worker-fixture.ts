import pino from 'pino';
import { createSecretBox } from '@conflux/engine';
import { loadSettings } from '../src/config/settings';
import { startWorker, type Worker } from '../src/worker/worker';
import type { TestApp } from './test-app';
import { TEST_SECRET_KEY } from './test-app';

/** A real graphile-worker runner in this process, on the test database. */
export function startTestWorker(subject: TestApp, recoveryIntervalMs = 500): Promise<Worker> {
  const settings = loadSettings({ DATABASE_URL: process.env.DATABASE_URL });
  return startWorker({
    connectionString: process.env.DATABASE_URL!,
    concurrency: 4,
    log: pino({ level: 'silent' }),
    prisma: subject.prisma,
    secretBox: createSecretBox(TEST_SECRET_KEY),
    settings,
    recoveryIntervalMs,
  });
}
