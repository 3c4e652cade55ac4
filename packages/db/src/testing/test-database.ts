import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded/embedded-postgres';

const execFileAsync = promisify(execFile);

/**
 * A Postgres server for tests: DATABASE_URL's server when set, otherwise an embedded
 * cluster in a temporary folder that is deleted afterwards.
 */
export interface TestServer {
  /** URL of a database on that server with the given name. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const given = process.env.DATABASE_URL;
  if (given) {
    return { urlFor: (database) => withDatabase(given, database), stop: async () => {} };
  }
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'conflux-test-pg-'));
  let cluster: EmbeddedPostgres;
  try {
    cluster = await startEmbeddedPostgres({ stateDir, port: await freePort(), database: 'postgres', persistent: false });
  } catch (error) {
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    urlFor: (database) => cluster.urlFor(database),
    stop: async () => {
      await cluster.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Inside a test worker: the server that the Jest global setup started or was given. */
export function currentTestServer(): TestServer {
  const url = process.env.CONFLUX_TEST_SERVER_URL;
  if (!url) throw new Error('CONFLUX_TEST_SERVER_URL is unset: is the Conflux Jest global setup configured?');
  return { urlFor: (database) => withDatabase(url, database), stop: async () => {} };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, uniquely named database; every test run gets its own, so runs never meet. */
export async function createScratchDatabase(server: TestServer, prefix = 'conflux_test'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(server, `create database "${name}"`);
  return name;
}

export async function dropScratchDatabase(server: TestServer, name: string): Promise<void> {
  await adminQuery(server, `drop database if exists "${name}" with (force)`);
}

async function adminQuery(server: TestServer, sql: string): Promise<void> {
  const client = new Client({ connectionString: server.urlFor('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated scratch database, as Jest global setups want it. The migrations run in a child
 * process: the WebAssembly schema engine leaves a 10 s timer behind, which would keep
 * Jest's main process from exiting.
 */
export async function createMigratedTestDatabase(server: TestServer, prefix?: string) {
  const name = await createScratchDatabase(server, prefix);
  const url = server.urlFor(name);
  await execFileAsync(process.execPath, [path.join(__dirname, '../../dist/cli/migrate.js')], {
    env: { ...process.env, DATABASE_URL: url },
  });
  return { name, url };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
