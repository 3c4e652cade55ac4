import { randomUUID } from 'node:crypto';
import { Logger as WorkerLogger, run, runMigrations, type Runner } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger as PinoLogger } from 'pino';
import type { PrismaClient } from '@conflux/db';
import { recoverStalledRuns, shutdownSandbox, type SecretBox } from '@conflux/engine';
import type { Settings } from '../config/settings';
import { createEngineServices } from './engine-services';
import { createTaskList } from './tasks';

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  log: PinoLogger;
  prisma: PrismaClient;
  secretBox: SecretBox;
  settings: Settings;
  /** How often this worker looks for runs whose worker died. */
  recoveryIntervalMs?: number;
}

export interface Worker {
  stop(): Promise<void>;
  runner: Runner;
  workerId: string;
}

function graphileLogger(log: PinoLogger) {
  return new WorkerLogger((scope) => {
    const child = log.child({ component: 'worker', ...scope });
    return (level, message, meta) => {
      const method = level === 'warning' ? 'warn' : level;
      child[method](meta ?? {}, message);
    };
  });
}

/** Installs or upgrades graphile-worker's own schema, so the API can queue jobs before any worker ran. */
export async function migrateQueue(connectionString: string, log: PinoLogger): Promise<void> {
  const pgPool = new Pool({ connectionString, max: 1 });
  pgPool.on('error', (error) => log.warn({ component: 'worker', err: error.message }, 'database connection lost'));
  pgPool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await runMigrations({ pgPool, logger: graphileLogger(log) });
  } finally {
    await pgPool.end();
  }
}

/**
 * Starts a graphile-worker runner on the Postgres job queue. LISTEN/NOTIFY wakes it within
 * milliseconds of a job being added, and any number of runners, in this process or on
 * other machines, share the queue safely (SKIP LOCKED). Each also sweeps for runs whose
 * worker died and queues them again.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { connectionString, concurrency, log } = options;
  // Our own pool, so a connection that Postgres drops (restart, shutdown) is logged rather
  // than crashing the process with an unhandled 'error' event.
  const pgPool = new Pool({ connectionString, max: concurrency + 2 });
  const connectionLost = (error: Error) => log.warn({ component: 'worker', err: error.message }, 'database connection lost');
  pgPool.on('error', connectionLost);
  pgPool.on('connect', (client) => client.on('error', connectionLost));

  const workerId = `conflux-${randomUUID()}`;
  const services = createEngineServices(options.prisma, options.secretBox, options.settings);
  const runner = await run({
    pgPool,
    concurrency,
    taskList: createTaskList({ prisma: options.prisma, services, workerId, leaseMs: options.settings.runs.leaseMs }),
    logger: graphileLogger(log),
    // We stop the runner ourselves, after the HTTP server, in one shutdown sequence.
    noHandleSignals: true,
    pollInterval: 2000,
    // No crontab file: schedules arrive as part of Conflux's own configuration.
    parsedCronItems: [],
  });

  const recovery = setInterval(() => {
    recoverStalledRuns(options.prisma, options.settings.runs.leaseMs).then(
      ({ requeued, expired }) => {
        if (requeued || expired) log.info({ component: 'worker', requeued, expired }, 'recovered stalled runs');
      },
      (error: Error) => log.warn({ component: 'worker', err: error.message }, 'run recovery failed'),
    );
  }, options.recoveryIntervalMs ?? Math.min(5_000, options.settings.runs.leaseMs / 2));
  recovery.unref();

  return {
    runner,
    workerId,
    stop: async () => {
      clearInterval(recovery);
      await runner.stop();
      await services.http.close();
      await shutdownSandbox();
      await pgPool.end();
    },
  };
}
