/**
 * `npm run bench`: what Conflux costs on top of the HTTP call it makes, measured in one run
 * on this machine (machines here are shared and noisy, so only ratios mean something).
 *
 * - raw: plain HTTP GETs to a local upstream server;
 * - conflux: runs of the dataflow Input -> Execute API call -> Write response, started through
 *   the real API with `wait`, executed by the real worker, against the same upstream;
 * each at concurrency 1 and 16. The last line is a one-line JSON summary with the ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, dropScratchDatabase, freePort, startTestServer } from '@conflux/db/testing';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);
const WARMUP_MS = 1_500;

interface Stats {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(concurrency: number, durationMs: number, call: () => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return { requests: latencies.length, perSecond: Number((latencies.length / elapsed).toFixed(1)), p50Ms: at(0.5), p99Ms: at(0.99) };
}

function startUpstream(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const city = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ city, temperatureC: 21.5, conditions: 'clear' }));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API did not become healthy');
}

async function main() {
  // The upstream lives in this process but the API and worker in another: the raw client and
  // the Conflux client share this event loop, so both measurements pay the same client costs.
  const upstream = await startUpstream();
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const server = await startTestServer();
  const database = await createScratchDatabase(server, 'conflux_bench');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'conflux-bench-'));
  const apiPort = await freePort();
  const password = 'bench password 123456';
  // BENCH_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the API process.
  const api = spawn(process.execPath, [...(process.env.BENCH_NODE_OPTIONS?.split(' ') ?? []), path.join(__dirname, '../main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: server.urlFor(database),
      CONFLUX_DATA_DIR: dataDir,
      CONFLUX_API_PORT: String(apiPort),
      CONFLUX_LOG_LEVEL: 'warn',
      CONFLUX_ADMIN_EMAIL: 'bench@example.test',
      CONFLUX_ADMIN_PASSWORD: password,
      CONFLUX_WORKER_CONCURRENCY: '16',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await waitForHealth(`${apiUrl}/api/health`, api);
    const login = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.test', password }),
    });
    const session = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const tokenResponse = await fetch(`${apiUrl}/api/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name: 'bench' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const post = async (url: string, body: unknown) => {
      const response = await fetch(`${apiUrl}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<{ id: string }>;
    };
    const system = await post('/api/systems', { key: 'weather', name: 'Weather' });
    const connector = await post(`/api/systems/${system.id}/connectors`, { key: 'local', name: 'Local', baseUrl: upstreamUrl });
    const endpoint = await post(`/api/connectors/${connector.id}/endpoints`, {
      key: 'forecast',
      path: '/forecast/{city}',
      methods: ['GET'],
      parameters: [{ name: 'city', in: 'path', required: true }],
    });
    await post('/api/dataflows', {
      key: 'bench',
      name: 'Bench',
      steps: [
        { id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } },
        {
          id: 'call',
          name: 'Get weather',
          type: 'execute_api_call',
          sourceStepId: 'input',
          config: {
            systemId: system.id,
            connectorId: connector.id,
            endpointId: endpoint.id,
            method: 'GET',
            resultStoreField: 'weather',
            parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } }],
          },
        },
        { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'call', config: { mode: 'model' } },
      ],
    });
    await post('/api/dataflows/bench/publish', {});

    const raw = async () => {
      const response = await fetch(`${upstreamUrl}/forecast/Oslo`);
      await response.arrayBuffer();
    };
    const conflux = async () => {
      const response = await fetch(`${apiUrl}/api/dataflows/bench/runs`, { method: 'POST', headers, body: JSON.stringify({ input: { city: 'Oslo' }, wait: 30 }) });
      const run = (await response.json()) as { status: string };
      if (response.status !== 200 || run.status !== 'succeeded') throw new Error(`run ended ${response.status} ${run.status}`);
    };

    const results: Record<string, Record<string, Stats>> = { raw: {}, conflux: {} };
    for (const concurrency of [1, 16]) {
      for (const [name, call] of [['raw', raw], ['conflux', conflux]] as const) {
        await measure(concurrency, WARMUP_MS, call);
        results[name]![`c${concurrency}`] = await measure(concurrency, DURATION_MS, call);
        const stats = results[name]![`c${concurrency}`]!;
        console.log(`${name.padEnd(8)} c=${String(concurrency).padEnd(3)} ${String(stats.perSecond).padStart(8)}/s  p50 ${stats.p50Ms} ms  p99 ${stats.p99Ms} ms  (${stats.requests} requests)`);
      }
    }
    const ratio = (c: string) => ({
      throughput: Number((results.conflux![c]!.perSecond / results.raw![c]!.perSecond).toFixed(4)),
      p50: Number((results.conflux![c]!.p50Ms / results.raw![c]!.p50Ms).toFixed(2)),
      p99: Number((results.conflux![c]!.p99Ms / results.raw![c]!.p99Ms).toFixed(2)),
    });
    console.log(JSON.stringify({ durationMs: DURATION_MS, ...results, ratio: { c1: ratio('c1'), c16: ratio('c16') } }));
  } finally {
    api.kill('SIGINT');
    await new Promise((resolve) => api.once('exit', resolve));
    upstream.close();
    await dropScratchDatabase(server, database);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
