import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort, startWeb, type RunningWeb } from '../next-server';
import { createScratchDatabase, currentTestServer, dropScratchDatabase } from '@conflux/db/testing';

/** The first admin, created by the API at start-up because the database has none. */
export const FIRST_ADMIN = { email: 'admin@example.test', password: 'first-admin-password-for-tests' };

export interface RunningApi {
  url: string;
  /** Everything the API printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface RunningStack {
  api: RunningApi;
  web: RunningWeb;
  stop(): Promise<void>;
}

const API_MAIN = path.resolve(__dirname, '../../../api/dist/main.js');

/**
 * The built API (`apps/api/dist/main.js`, as `npm start` runs it) on a database of its own
 * (created on the Jest global setup's server, migrated by the API as it starts, dropped when
 * it stops), so browser specs never see each other's data. No job worker unless asked.
 */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is unset: is the Jest global setup configured?');
  const server = currentTestServer();
  const database = await createScratchDatabase(server, 'conflux_web');
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: server.urlFor(database),
      CONFLUX_API_HOST: '127.0.0.1',
      CONFLUX_API_PORT: String(port),
      CONFLUX_WORKER_ENABLED: 'false',
      CONFLUX_LOG_LEVEL: 'warn',
      CONFLUX_ADMIN_EMAIL: FIRST_ADMIN.email,
      CONFLUX_ADMIN_PASSWORD: FIRST_ADMIN.password,
      // Stored connector secrets are sealed with a key of this run, not one written into the repository's data directory.
      CONFLUX_SECRET_KEY: randomBytes(32).toString('base64'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      await dropScratchDatabase(server, database);
      throw new Error(`The API did not become healthy in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      await dropScratchDatabase(server, database);
    },
  };
}

/** The API and the built web app in front of it, as a browser would meet them. */
export async function startStack(apiEnv: Record<string, string> = {}): Promise<RunningStack> {
  const api = await startApi(apiEnv);
  let web: RunningWeb;
  try {
    web = await startWeb({ CONFLUX_API_URL: api.url });
  } catch (error) {
    await api.stop();
    throw error;
  }
  return {
    api,
    web,
    stop: async () => {
      await web.stop();
      await api.stop();
    },
  };
}

/** SIGTERM (the API shuts down in order), then SIGKILL if it hangs. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
