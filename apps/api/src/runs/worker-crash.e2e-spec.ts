import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, TEST_SECRET_KEY, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';

/**
 * A worker process killed with SIGKILL in the middle of a run: another worker process
 * picks the run up once the lease runs out and finishes it, and the step that had already
 * succeeded (a POST that created an order upstream) is not sent again.
 */
describe('a worker killed mid-run', () => {
  let subject: TestApp;
  let upstream: http.Server;
  let dataDir: string;
  const orders: string[] = [];
  let releaseSlow: (() => void) | undefined;
  let slowCalls = 0;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/orders') {
          orders.push(body);
          res.end(JSON.stringify({ id: `order-${orders.length}` }));
          return;
        }
        // The first call hangs until the test says so: the worker dies while it waits.
        slowCalls += 1;
        if (slowCalls === 1) {
          releaseSlow = () => res.end(JSON.stringify({ confirmed: false }));
          return;
        }
        res.end(JSON.stringify({ confirmed: true }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'conflux-crash-'));
    await chmod(dataDir, 0o755);
    subject = await startTestApp();
    await truncateAll(subject.prisma);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    releaseSlow?.();
    await subject.close();
    await new Promise((resolve) => upstream.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, [path.join(__dirname, '../../dist/worker.js')], {
      env: {
        ...process.env,
        CONFLUX_SECRET_KEY: TEST_SECRET_KEY,
        CONFLUX_DATA_DIR: dataDir,
        CONFLUX_RUN_LEASE_SECONDS: '2',
        CONFLUX_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(child);
    return child;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('finishes the run on another worker without repeating the step that succeeded', async () => {
    const server = subject.app.getHttpServer();
    const admin = await createUser(subject.prisma, { role: 'admin' });
    const auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const system = (await request(server).post('/api/systems').set(auth).send({ key: 'shop', name: 'Shop' }).expect(201)).body;
    const connector = (await request(server).post(`/api/systems/${system.id}/connectors`).set(auth).send({ key: 'c', name: 'C', baseUrl }).expect(201)).body;
    const endpoint = async (key: string, pathTemplate: string, method: string) =>
      (await request(server).post(`/api/connectors/${connector.id}/endpoints`).set(auth).send({ key, path: pathTemplate, methods: [method] }).expect(201)).body;
    const orderEndpoint = await endpoint('orders', '/orders', 'POST');
    const confirmEndpoint = await endpoint('confirm', '/confirm', 'GET');
    const call = (id: string, source: string, endpointId: string, method: string, extra = {}) => ({
      id,
      name: id,
      type: 'execute_api_call',
      sourceStepId: source,
      config: { systemId: system.id, connectorId: connector.id, endpointId, method, resultStoreField: id, ...extra },
    });
    await request(server)
      .post('/api/dataflows')
      .set(auth)
      .send({
        key: 'order',
        name: 'Place order',
        steps: [
          { id: 'input', name: 'Input', type: 'input', config: {} },
          call('order', 'input', orderEndpoint.id, 'POST', { parameters: [{ in: 'body', name: 'sku', value: { kind: 'expression', source: 'sku' } }] }),
          call('confirm', 'order', confirmEndpoint.id, 'GET'),
        ],
      })
      .expect(201);
    await request(server).post('/api/dataflows/order/publish').set(auth).expect(200);

    const first = startWorkerProcess();
    const started = await request(server).post('/api/dataflows/order/runs').set(auth).send({ input: { sku: 'A-1' } }).expect(202);
    await until('the second step to be in flight', () => releaseSlow !== undefined);
    expect(orders).toHaveLength(1);

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    releaseSlow!(); // the dead worker never sees this answer

    startWorkerProcess();
    const run = await until('the run to finish', async () => {
      const current = (await request(server).get(`/api/runs/${started.body.id}`).set(auth)).body;
      return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
    });
    expect(run.status).toBe('succeeded');
    expect(run.output).toMatchObject({ order: { id: 'order-1' }, confirm: { confirmed: true } });
    expect(orders).toHaveLength(1);
    expect(slowCalls).toBe(2);
    const confirm = run.steps.find((step: { stepId: string }) => step.stepId === 'confirm');
    expect(confirm.attempts).toBe(2);
  }, 60_000);
});
