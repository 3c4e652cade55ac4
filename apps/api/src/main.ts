import 'reflect-metadata';
import { createApp } from './app';
import { bootDatabase, createLog, Shutdown } from './boot';
import { loadSettings } from './config/settings';
import { startWorker } from './worker/worker';
import { ensureFirstAdmin } from './auth/first-admin';
import { resolveSecretKey } from './secrets/secret-key';
import { createSecretBox } from '@conflux/engine';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, API, in-process worker. */
async function main() {
  const settings = loadSettings();
  const log = createLog(settings);
  const shutdown = new Shutdown(log);
  const { database, prisma } = await bootDatabase(settings, log, shutdown);
  await ensureFirstAdmin(prisma, settings, log);
  const secretKey = await resolveSecretKey(settings, log);

  // The worker starts first, so a healthy API means everything is up.
  if (settings.worker.enabled) {
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

  const app = await createApp({ settings, secretKey, prisma, database: { url: database.url, embedded: database.embedded } });
  shutdown.defer(() => app.close());
  await app.listen(settings.api.port, settings.api.host);
  const address = `http://${settings.api.host}:${settings.api.port}`;
  log.info({ url: address, docs: `${address}/api/docs` }, 'Conflux API listening');
}

main().catch((error) => {
  // A signal during start-up stops the database under whatever was starting; the shutdown
  // in progress decides the exit code.
  if (Shutdown.inProgress) return;
  // pino may not exist yet (bad settings); stderr always does.
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
