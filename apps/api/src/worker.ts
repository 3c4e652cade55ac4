import 'reflect-metadata';
import { bootDatabase, createLog, Shutdown } from './boot';
import { loadSettings } from './config/settings';
import { startWorker } from './worker/worker';
import { resolveSecretKey } from './secrets/secret-key';
import { createSecretBox } from '@conflux/engine';

/**
 * `npm run worker -w @conflux/api`: a worker without the HTTP API, for adding capacity on
 * this or another machine. Point it at the same DATABASE_URL as the API.
 */
async function main() {
  const settings = loadSettings();
  const log = createLog(settings);
  const shutdown = new Shutdown(log);
  const { prisma, database } = await bootDatabase(settings, log, shutdown);
  shutdown.defer(() => prisma.$disconnect());
  const secretKey = await resolveSecretKey(settings, log);
  const worker = await startWorker({
    connectionString: database.url,
    concurrency: settings.worker.concurrency,
    log,
    prisma,
    secretBox: createSecretBox(secretKey, { previousKeys: settings.secrets.previousKeys }),
    settings,
  });
  shutdown.defer(() => worker.stop());
}

main().catch((error) => {
  if (Shutdown.inProgress) return;
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
