import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@conflux/db';
import { createSecretBox, generateSecretKey } from '../secrets/secret-box';
import type { ConnectorRuntimeConfig } from './connector-config';
import { HttpClient } from './http-client';
import { PostgresRateLimitStore } from './postgres-rate-limit-store';
import { PostgresTokenStore } from './postgres-token-store';
import { sendJson, startLocalServer } from './testing/local-server';

let prisma: PrismaClient;

beforeAll(() => {
  prisma = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 4 });
});

afterAll(() => prisma.$disconnect());

const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function windowsOf(key: string): Promise<Array<{ windowStart: Date; count: number }>> {
  return prisma.rateLimitWindow.findMany({ where: { key }, orderBy: { windowStart: 'asc' }, select: { windowStart: true, count: true } });
}

describe('PostgresRateLimitStore', () => {
  it('counts concurrent hits atomically: every caller gets a distinct count', async () => {
    const store = new PostgresRateLimitStore(prisma);
    const key = `test:${randomUUID()}`;
    // A day-long window: the burst cannot straddle a boundary (except at midnight UTC).
    const hits = await Promise.all(Array.from({ length: 20 }, () => store.hit(key, DAY_MS)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const hit of hits) {
      expect(hit.resetInMs).toBeGreaterThan(0);
      expect(hit.resetInMs).toBeLessThanOrEqual(DAY_MS);
    }
    const [window] = await windowsOf(key);
    expect(window!.count).toBe(20);
    expect(window!.windowStart.getTime() % DAY_MS).toBe(0);
  });

  it('keeps keys apart', async () => {
    const store = new PostgresRateLimitStore(prisma);
    const [a, b] = [`test:${randomUUID()}`, `test:${randomUUID()}`];
    await store.hit(a, DAY_MS);
    await store.hit(a, DAY_MS);
    expect((await store.hit(b, DAY_MS)).count).toBe(1);
  });

  it('opens a fresh budget in the next window and deletes the expired one', async () => {
    const store = new PostgresRateLimitStore(prisma);
    const key = `test:${randomUUID()}`;
    const intervalMs = 200;
    await store.hit(key, intervalMs);
    const second = await store.hit(key, intervalMs);
    if (second.count === 2) {
      await sleep(second.resetInMs + 10);
    } else {
      await sleep(intervalMs + 10); // the two hits straddled a boundary; move on one more window
    }
    const next = await store.hit(key, intervalMs);
    expect(next.count).toBe(1);
    const windows = await windowsOf(key);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.count).toBe(1);
  });

  it('deletes the windows of every key that started before a date', async () => {
    const store = new PostgresRateLimitStore(prisma);
    const key = `test:${randomUUID()}`;
    await store.hit(key, DAY_MS);
    expect(await store.deleteWindowsBefore(new Date(Date.now() + DAY_MS))).toBeGreaterThanOrEqual(1);
    expect(await windowsOf(key)).toHaveLength(0);
  });

  it('keeps one budget for several workers', async () => {
    const intervalMs = 600;
    const server = await startLocalServer((request, response) => response.end('ok'));
    const workers = [new HttpClient({ rateLimitStore: new PostgresRateLimitStore(prisma) }), new HttpClient({ rateLimitStore: new PostgresRateLimitStore(prisma) })];
    const connector: ConnectorRuntimeConfig = { id: randomUUID(), baseUrl: server.origin, auth: { type: 'none' }, rateLimit: { requests: 2, intervalMs } };
    try {
      // Windows follow the database clock: learn where the current one ends and start just after.
      const probe = await new PostgresRateLimitStore(prisma).hit(`probe:${randomUUID()}`, intervalMs);
      await sleep(probe.resetInMs + 20);
      const started = Date.now();
      await workers[0]!.request(connector, { method: 'GET', path: '/a' });
      await workers[1]!.request(connector, { method: 'GET', path: '/b' });
      await workers[0]!.request(connector, { method: 'GET', path: '/c' });
      const thirdDelay = server.requests[2]!.receivedAt - started;
      expect(thirdDelay).toBeGreaterThanOrEqual(intervalMs - 100);
      expect(server.requests[1]!.receivedAt - started).toBeLessThan(intervalMs / 2);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await server.close();
    }
  });
});

describe('PostgresTokenStore', () => {
  const box = createSecretBox(generateSecretKey());
  let connectorId: string;

  beforeEach(async () => {
    const system = await prisma.system.create({ data: { key: `sys-${randomUUID()}`, name: 'Token test' } });
    const connector = await prisma.connector.create({ data: { systemId: system.id, key: 'api', name: 'API', baseUrl: 'https://api.example' } });
    connectorId = connector.id;
  });

  it('stores the token encrypted and reads it back with its lifetime', async () => {
    const store = new PostgresTokenStore(prisma, box);
    const token = { accessToken: 'eyJ.secret-access-token', obtainedAt: new Date('2026-01-01T10:00:00.000Z'), expiresAt: new Date('2026-01-01T11:00:00.000Z') };
    await store.save(connectorId, token);

    const row = await prisma.connectorToken.findUniqueOrThrow({ where: { connectorId } });
    expect(row.accessTokenEncrypted).toMatch(new RegExp(`^v1:${box.keyId}:`));
    expect(row.accessTokenEncrypted).not.toContain('secret-access-token');
    expect(await store.get(connectorId)).toEqual(token);
  });

  it('replaces the stored token, and deletes it', async () => {
    const store = new PostgresTokenStore(prisma, box);
    await store.save(connectorId, { accessToken: 'one', obtainedAt: new Date(1_000), expiresAt: new Date(2_000) });
    await store.save(connectorId, { accessToken: 'two', obtainedAt: new Date(3_000), expiresAt: new Date(4_000) });
    expect(await store.get(connectorId)).toEqual({ accessToken: 'two', obtainedAt: new Date(3_000), expiresAt: new Date(4_000) });
    await store.delete(connectorId);
    expect(await store.get(connectorId)).toBeNull();
    await expect(store.delete(connectorId)).resolves.toBeUndefined();
  });

  it('treats a token sealed with another key as absent', async () => {
    await new PostgresTokenStore(prisma, createSecretBox(generateSecretKey())).save(connectorId, {
      accessToken: 'old-key',
      obtainedAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await new PostgresTokenStore(prisma, box).get(connectorId)).toBeNull();
  });

  it('lets workers share one token', async () => {
    let issued = 0;
    const server = await startLocalServer((request, response) => {
      if (request.url === '/token') sendJson(response, 200, { access_token: `shared-${(issued += 1)}`, expires_in: 3600 });
      else sendJson(response, 200, { ok: true });
    });
    const workers = [new HttpClient({ tokenStore: new PostgresTokenStore(prisma, box) }), new HttpClient({ tokenStore: new PostgresTokenStore(prisma, box) })];
    const connector: ConnectorRuntimeConfig = {
      id: connectorId,
      baseUrl: server.origin,
      auth: { type: 'oauth2_client_credentials', tokenUrl: `${server.origin}/token`, clientId: 'c', clientSecret: 's', scopes: [] },
    };
    try {
      await workers[0]!.request(connector, { method: 'GET', path: '/a' });
      await workers[1]!.request(connector, { method: 'GET', path: '/b' });
      expect(issued).toBe(1);
      expect(server.requests.filter((request) => request.url !== '/token').map((request) => request.headers.authorization)).toEqual(['Bearer shared-1', 'Bearer shared-1']);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await server.close();
    }
  });
});
