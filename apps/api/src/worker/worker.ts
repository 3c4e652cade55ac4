import { Logger as WorkerLogger, run, type Runner } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger as PinoLogger } from 'pino';
import { taskList } from './tasks';

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  log: PinoLogger;
}

/**
 * Starts a graphile-worker runner on the Postgres job queue. LISTEN/NOTIFY wakes it within
 * milliseconds of a job being added, and any number of runners, in this process or on
 * other machines, share the queue safely (SKIP LOCKED).
 */
export interface Worker {
  stop(): Promise<void>;
  runner: Runner;
}

export async function startWorker({ connectionString, concurrency, log }: WorkerOptions): Promise<Worker> {
  // Our own pool, so a connection that Postgres drops (restart, shutdown) is logged rather
  // than crashing the process with an unhandled 'error' event.
  const pgPool = new Pool({ connectionString, max: concurrency + 2 });
  const connectionLost = (error: Error) => log.warn({ component: 'worker', err: error.message }, 'database connection lost');
  pgPool.on('error', connectionLost);
  pgPool.on('connect', (client) => client.on('error', connectionLost));
  const logger = new WorkerLogger((scope) => {
    const child = log.child({ component: 'worker', ...scope });
    return (level, message, meta) => {
      const method = level === 'warning' ? 'warn' : level;
      child[method](meta ?? {}, message);
    };
  });
  const runner = await run({
    pgPool,
    concurrency,
    taskList,
    logger,
    // We stop the runner ourselves, after the HTTP server, in one shutdown sequence.
    noHandleSignals: true,
    pollInterval: 2000,
    // No crontab file: schedules arrive as part of Conflux's own configuration.
    parsedCronItems: [],
  });
  return {
    runner,
    stop: async () => {
      await runner.stop();
      await pgPool.end();
    },
  };
}
