import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@conflux/db/testing';

/**
 * The start-up path a user gets from `npm start` with no DATABASE_URL: the built API boots
 * an embedded Postgres in its data folder, migrates it, serves /api/health, stops cleanly
 * on SIGINT, and finds its data again on the next start.
 */
describe('start-up without DATABASE_URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'conflux-startup-'));
    // mkdtemp makes it private; as root, Postgres runs as another user that must reach it.
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function boot(apiPort: number, pgPort: number) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CONFLUX_DATA_DIR: dataDir,
      CONFLUX_API_PORT: String(apiPort),
      CONFLUX_EMBEDDED_PG_PORT: String(pgPort),
      CONFLUX_LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(__dirname, '../dist/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const health = await waitForHealth(`http://127.0.0.1:${apiPort}/api/health`, child, () => output);
    return { child, health, output: () => output };
  }

  it('boots the embedded database, serves a healthy API, and keeps its data across restarts', async () => {
    const [apiPort, pgPort] = [await freePort(), await freePort()];

    const first = await boot(apiPort, pgPort);
    expect(first.health).toMatchObject({ status: 'ok', database: { reachable: true, embedded: true } });
    expect(first.output()).toContain('migrations applied');
    const code = await stop(first.child);
    if (code !== 0) console.log(first.output());
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/health`)).rejects.toThrow();

    const second = await boot(apiPort, pgPort);
    expect(second.health).toMatchObject({ status: 'ok', database: { embedded: true } });
    expect(second.output()).toContain('database schema is current');
    expect({ exitCode: await stop(second.child), output: second.output() }).toMatchObject({ exitCode: 0 });
  });
});

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API did not become healthy in time:\n${output()}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}
