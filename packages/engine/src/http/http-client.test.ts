import diagnosticsChannel from 'node:diagnostics_channel';
import { networkInterfaces } from 'node:os';
import { EgressPolicy } from './egress-policy';
import {
  EgressDeniedError,
  HttpClientError,
  HttpNetworkError,
  HttpRequestAbortedError,
  HttpTimeoutError,
  InvalidHttpRequestError,
  RateLimitExceededError,
  TooManyRedirectsError,
} from './errors';
import type { HttpClientEvent } from './events';
import { HttpClient, type HttpClientOptions } from './http-client';
import type { ConnectorRuntimeConfig } from './connector-config';
import { InMemoryRateLimitStore } from './rate-limiter';
import { sendJson, startLocalServer, type LocalHandler, type LocalServer } from './testing/local-server';

const servers: LocalServer[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: LocalHandler, host?: string): Promise<LocalServer> {
  const server = await startLocalServer(handler, host);
  servers.push(server);
  return server;
}

function newClient(options: HttpClientOptions = {}): HttpClient {
  const client = new HttpClient(options);
  clients.push(client);
  return client;
}

function connectorFor(server: LocalServer | string, overrides: Partial<ConnectorRuntimeConfig> = {}): ConnectorRuntimeConfig {
  return {
    id: 'connector-1',
    baseUrl: typeof server === 'string' ? server : server.origin,
    auth: { type: 'none' },
    ...overrides,
    retryPolicy: { baseDelayMs: 10, maxDelayMs: 2_000, ...overrides.retryPolicy },
  };
}

/** Records every connection undici starts, to prove a refused address was never dialled. */
function watchConnectAttempts(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const onBeforeConnect = (message: unknown) => hosts.push((message as { connectParams: { hostname: string } }).connectParams.hostname);
  diagnosticsChannel.subscribe('undici:client:beforeConnect', onBeforeConnect);
  return { hosts, stop: () => diagnosticsChannel.unsubscribe('undici:client:beforeConnect', onBeforeConnect) };
}

async function failureOf(promise: Promise<unknown>): Promise<HttpClientError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpClientError;
  }
  throw new Error('expected the request to fail');
}

describe('HttpClient against a real local server', () => {
  it('sends the request and parses a JSON response', async () => {
    const server = await serve((request, response) => sendJson(response, 200, { got: request.method, body: JSON.parse(request.body || 'null') }));
    const client = newClient();
    const response = await client.request(connectorFor(server, { baseUrl: `${server.origin}/api/v1/` }), {
      method: 'post',
      path: '/items',
      query: { tag: ['a', 'b c'], q: 'x' },
      headers: { 'X-Trace': 't-1' },
      body: { name: 'Ada' },
    });
    expect(response).toMatchObject({
      status: 200,
      body: { got: 'POST', body: { name: 'Ada' } },
      bodyFormat: 'json',
      truncated: false,
      attempts: 1,
      url: `${server.origin}/api/v1/items?tag=a&tag=b%20c&q=x`,
      request: { method: 'POST', bodyBytes: 14, body: '{"name":"Ada"}' },
    });
    expect(server.requests[0]).toMatchObject({ url: '/api/v1/items?tag=a&tag=b+c&q=x' });
    expect(server.requests[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-trace': 't-1' });
  });

  it('reuses one keep-alive connection per connector', async () => {
    const server = await serve((request, response) => response.end('ok'));
    const client = newClient();
    const connections = watchConnectAttempts();
    try {
      for (let i = 0; i < 6; i += 1) await client.request(connectorFor(server), { method: 'GET', path: '/' });
    } finally {
      connections.stop();
    }
    expect(server.requests).toHaveLength(6);
    // undici may open a second socket when a request follows before the first is released.
    expect(connections.hosts.length).toBeLessThanOrEqual(2);
  });

  it('refuses a path that leaves the base URL, and headers the client owns', async () => {
    const client = newClient();
    const connector = connectorFor('http://127.0.0.1:1/api');
    await expect(client.request(connector, { method: 'GET', path: '/../admin' })).rejects.toThrow(InvalidHttpRequestError);
    await expect(client.request(connector, { method: 'GET', path: '/%2e%2e/admin' })).rejects.toThrow('must stay under the connector\'s base path /api');
    await expect(client.request(connector, { method: 'GET', path: '/x', headers: { Host: 'internal' } })).rejects.toThrow('headers.Host');
  });

  describe('retries', () => {
    it('retries 503 and honours Retry-After in seconds', async () => {
      const server = await serve((request, response, index) => {
        if (index === 0) sendJson(response, 503, { error: 'busy' }, { 'retry-after': '1' });
        else sendJson(response, 200, { ok: true });
      });
      const response = await newClient().request(connectorFor(server), { method: 'GET', path: '/' });
      expect(response.status).toBe(200);
      expect(response.attempts).toBe(2);
      const gap = server.requests[1]!.receivedAt - server.requests[0]!.receivedAt;
      expect(gap).toBeGreaterThanOrEqual(900);
    });

    it('gives up and returns the last response when Retry-After exceeds the remaining budget', async () => {
      const server = await serve((request, response) => sendJson(response, 429, { error: 'slow down' }, { 'retry-after': '5' }));
      const started = Date.now();
      const response = await newClient().request(connectorFor(server, { totalTimeoutMs: 2_000, retryPolicy: { maxDelayMs: 10_000 } }), { method: 'GET', path: '/' });
      expect(response.status).toBe(429);
      expect(response.attempts).toBe(1);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('stops after maxAttempts with backoff between attempts', async () => {
      const server = await serve((request, response) => sendJson(response, 500, { error: 'boom' }));
      const events: HttpClientEvent[] = [];
      const response = await newClient({ onEvent: (event) => events.push(event) }).request(connectorFor(server, { retryPolicy: { maxAttempts: 3 } }), {
        method: 'GET',
        path: '/',
      });
      expect(response.status).toBe(500);
      expect(response.attempts).toBe(3);
      expect(server.requests).toHaveLength(3);
      expect(events.filter((event) => event.type === 'retry_scheduled')).toHaveLength(2);
    });

    it('does not retry a POST without an idempotency key', async () => {
      const server = await serve((request, response) => sendJson(response, 503, { error: 'busy' }));
      const response = await newClient().request(connectorFor(server), { method: 'POST', path: '/orders', body: { sku: 1 } });
      expect(response.status).toBe(503);
      expect(response.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    });

    it('retries a POST with an idempotency key, sending the same key every attempt', async () => {
      const server = await serve((request, response, index) => (index < 2 ? sendJson(response, 502, {}) : sendJson(response, 201, { id: 7 })));
      const connector = connectorFor(server, { retryPolicy: { idempotencyKeyHeader: 'Idempotency-Key' } });
      const response = await newClient().request(connector, { method: 'POST', path: '/orders', body: { sku: 1 } });
      expect(response.status).toBe(201);
      expect(response.attempts).toBe(3);
      const keys = server.requests.map((request) => request.headers['idempotency-key']);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(keys)).toEqual(new Set([keys[0]]));
      expect(server.requests.map((request) => request.body)).toEqual(Array(3).fill('{"sku":1}'));

      // A new logical request gets a new key.
      await newClient().request(connector, { method: 'POST', path: '/orders', body: {} });
      expect(server.requests[3]!.headers['idempotency-key']).not.toBe(keys[0]);
    });

    it('retries a POST whose connection was refused, since it was never sent', async () => {
      const server = await serve((request, response) => response.end());
      const port = server.port;
      await server.close();
      servers.splice(0);
      const events: HttpClientEvent[] = [];
      const error = await failureOf(newClient({ onEvent: (event) => events.push(event) }).request(connectorFor(`http://127.0.0.1:${port}`), { method: 'POST', path: '/' }));
      expect(error).toBeInstanceOf(HttpNetworkError);
      expect((error as HttpNetworkError).networkCode).toBe('ECONNREFUSED');
      expect(error.attempts).toBe(3);
      expect(events.filter((event) => event.type === 'request_failed')).toHaveLength(3);
    });

    it('does not resend a POST whose connection broke after sending', async () => {
      const server = await serve((request, response) => response.socket?.destroy());
      const error = await failureOf(newClient().request(connectorFor(server), { method: 'POST', path: '/', body: 'x' }));
      expect(error).toBeInstanceOf(HttpNetworkError);
      expect(server.requests).toHaveLength(1);

      const getServer = await serve((request, response, index) => (index === 0 ? response.socket?.destroy() : response.end('fine')));
      const response = await newClient().request(connectorFor(getServer), { method: 'GET', path: '/' });
      expect(response).toMatchObject({ status: 200, body: 'fine', attempts: 2 });
    });
  });

  describe('timeouts and cancellation', () => {
    it('ends a request the server never answers with HttpTimeoutError at the total timeout', async () => {
      const server = await serve(() => {});
      const started = Date.now();
      const error = await failureOf(newClient().request(connectorFor(server, { totalTimeoutMs: 300 }), { method: 'GET', path: '/hang' }));
      expect(error).toBeInstanceOf(HttpTimeoutError);
      expect(error).toMatchObject({ phase: 'total', timeoutMs: 300 });
      expect(error.message).toContain('total timeout of 300 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('counts the body against the total timeout', async () => {
      const server = await serve((request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('first chunk, then nothing');
      });
      const error = await failureOf(newClient().request(connectorFor(server, { totalTimeoutMs: 300 }), { method: 'GET', path: '/' }));
      expect(error).toBeInstanceOf(HttpTimeoutError);
    });

    it('ends a connection that cannot be established with HttpTimeoutError at the connect timeout', async () => {
      // A resolver that never answers stands in for an unreachable host without leaving this machine.
      const egressPolicy = new EgressPolicy({ resolve: () => new Promise(() => {}) });
      const started = Date.now();
      const error = await failureOf(
        newClient({ egressPolicy }).request(connectorFor('http://unreachable.test', { connectTimeoutMs: 150, totalTimeoutMs: 5_000, retryPolicy: { maxAttempts: 2 } }), {
          method: 'GET',
          path: '/',
        }),
      );
      expect(error).toBeInstanceOf(HttpTimeoutError);
      expect(error).toMatchObject({ phase: 'connect', timeoutMs: 150, attempts: 2 });
      expect(Date.now() - started).toBeLessThan(800);
    });

    it('is cancelled by the caller\'s AbortSignal', async () => {
      const server = await serve(() => {});
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await failureOf(newClient().request(connectorFor(server), { method: 'GET', path: '/', signal: controller.signal }));
      expect(error).toBeInstanceOf(HttpRequestAbortedError);
    });
  });

  describe('response size cap', () => {
    it('stops reading at maxResponseBytes and marks the response truncated', async () => {
      const server = await serve((request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        // Endless: only a client that stops reading can finish.
        const timer = setInterval(() => response.write('x'.repeat(16 * 1024)), 1);
        response.on('close', () => clearInterval(timer));
      });
      const response = await newClient().request(connectorFor(server, { maxResponseBytes: 100_000 }), { method: 'GET', path: '/' });
      expect(response).toMatchObject({ status: 200, truncated: true, bodyBytes: 100_000, bodyFormat: 'text' });
      expect(response.body).toHaveLength(100_000);
    });

    it('never parses truncated JSON: the text prefix is returned instead', async () => {
      const server = await serve((request, response) => sendJson(response, 200, { items: Array.from({ length: 1_000 }, (_, i) => ({ i })) }));
      const response = await newClient().request(connectorFor(server, { maxResponseBytes: 50 }), { method: 'GET', path: '/' });
      expect(response).toMatchObject({ truncated: true, bodyBytes: 50, bodyFormat: 'text' });
      expect(response.body).toBe('{"items":[{"i":0},{"i":1},{"i":2},{"i":3},{"i":4},');
    });

    it('returns binary bodies as base64', async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
      const server = await serve((request, response) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(bytes);
      });
      const response = await newClient().request(connectorFor(server), { method: 'GET', path: '/logo.png' });
      expect(response).toMatchObject({ bodyFormat: 'base64', body: bytes.toString('base64'), bodyBytes: 6, contentType: 'image/png' });
    });
  });

  describe('rate limit', () => {
    it('delays the request beyond the budget into the next window', async () => {
      const intervalMs = 500;
      const server = await serve((request, response) => response.end('ok'));
      const events: HttpClientEvent[] = [];
      const client = newClient({ rateLimitStore: new InMemoryRateLimitStore(), onEvent: (event) => events.push(event) });
      const connector = connectorFor(server, { rateLimit: { requests: 2, intervalMs } });
      // Start just after a window opens, so the first two requests surely share it.
      await new Promise((resolve) => setTimeout(resolve, intervalMs - (Date.now() % intervalMs) + 5));

      for (let i = 0; i < 3; i += 1) await client.request(connector, { method: 'GET', path: `/${i}` });

      const windows = server.requests.map((request) => Math.floor(request.receivedAt / intervalMs));
      expect(windows[1]).toBe(windows[0]);
      expect(windows[2]).toBe(windows[0]! + 1);
      expect(events.filter((event) => event.type === 'rate_limit_wait')).toHaveLength(1);
    });

    it('fails with RateLimitExceededError instead of waiting past the total timeout', async () => {
      const server = await serve((request, response) => response.end('ok'));
      const client = newClient();
      const connector = connectorFor(server, { rateLimit: { requests: 1, intervalMs: 60_000 }, totalTimeoutMs: 1_000 });
      await client.request(connector, { method: 'GET', path: '/' });
      const started = Date.now();
      const error = await failureOf(client.request(connector, { method: 'GET', path: '/' }));
      expect(error).toBeInstanceOf(RateLimitExceededError);
      expect(Date.now() - started).toBeLessThan(500);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('egress policy', () => {
    let connects: ReturnType<typeof watchConnectAttempts>;
    beforeEach(() => (connects = watchConnectAttempts()));
    afterEach(() => connects.stop());

    it('refuses the cloud metadata address without connecting', async () => {
      const error = await failureOf(newClient().request(connectorFor('http://169.254.169.254'), { method: 'GET', path: '/latest/meta-data' }));
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect(error.message).toBe('refused: 169.254.169.254 is a cloud metadata address');
      expect(connects.hosts).toEqual([]);
    });

    it('refuses the metadata address written as IPv4-mapped IPv6', async () => {
      for (const baseUrl of ['http://[::ffff:169.254.169.254]', 'http://[::ffff:a9fe:a9fe]', 'http://[64:ff9b::a9fe:a9fe]']) {
        const error = await failureOf(newClient().request(connectorFor(baseUrl), { method: 'GET', path: '/' }));
        expect(error).toBeInstanceOf(EgressDeniedError);
        expect(error.message).toMatch(/169\.254\.169\.254.*cloud metadata address/);
      }
      expect(connects.hosts).toEqual([]);
    });

    it('re-checks every redirect hop: a redirect to the metadata address is refused', async () => {
      const server = await serve((request, response) => {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
        response.end();
      });
      const error = await failureOf(newClient().request(connectorFor(server), { method: 'GET', path: '/start' }));
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect(error.message).toContain('169.254.169.254 is a cloud metadata address');
      expect(server.requests).toHaveLength(1);
      expect(connects.hosts).toEqual(['127.0.0.1']);
    });

    it('checks the address a host name resolves to when connecting', async () => {
      const server = await serve((request, response) => response.end('ok'));
      const egressPolicy = new EgressPolicy({
        resolve: async (hostname) => [{ address: hostname === 'rebound.test' ? '169.254.169.254' : '127.0.0.1', family: 4 }],
      });
      const client = newClient({ egressPolicy });
      const ok = await client.request(connectorFor(`http://fine.test:${server.port}`), { method: 'GET', path: '/' });
      expect(ok.status).toBe(200);
      const error = await failureOf(client.request(connectorFor(`http://rebound.test:${server.port}`, { id: 'other' }), { method: 'GET', path: '/' }));
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect(error.message).toBe('refused: rebound.test resolves to 169.254.169.254, which is a cloud metadata address');
      expect(server.requests).toHaveLength(1);
    });

    it('gives each waiting request its own error when a shared connection attempt is refused', async () => {
      const egressPolicy = new EgressPolicy({ resolve: async () => [{ address: '169.254.169.254', family: 4 }] });
      const client = newClient({ egressPolicy });
      const connector = connectorFor('http://metadata.test');
      const errors = await Promise.all(['/a', '/b'].map((path) => failureOf(client.request(connector, { method: 'GET', path }))));
      expect(errors.map((error) => error.url)).toEqual(['http://metadata.test/a', 'http://metadata.test/b']);
      expect(errors.every((error) => error instanceof EgressDeniedError)).toBe(true);
    });

    it('refuses private networks only when blockPrivate is set', async () => {
      const blocked = await failureOf(newClient({ egressPolicy: new EgressPolicy({ blockPrivate: true }) }).request(connectorFor('http://10.1.2.3'), { method: 'GET', path: '/' }));
      expect(blocked).toBeInstanceOf(EgressDeniedError);
      expect(blocked.message).toBe('refused: 10.1.2.3 is a private network address; the egress policy blocks private networks');
      expect(connects.hosts).toEqual([]);

      // Allowed without blockPrivate, shown on a private address of this machine when it has one.
      const privateAddress = Object.values(networkInterfaces())
        .flat()
        .map((entry) => entry?.address)
        .find((address) => address && new EgressPolicy().evaluate(address).category === 'private');
      if (!privateAddress) return;
      const server = await serve((request, response) => response.end('reached'), privateAddress);
      const privateUrl = server.origin;
      const refused = await failureOf(newClient({ egressPolicy: new EgressPolicy({ blockPrivate: true }) }).request(connectorFor(privateUrl), { method: 'GET', path: '/' }));
      expect(refused).toBeInstanceOf(EgressDeniedError);
      const allowed = await newClient({ egressPolicy: new EgressPolicy({ blockPrivate: false }) }).request(connectorFor(privateUrl), { method: 'GET', path: '/' });
      expect(allowed.body).toBe('reached');
      expect(server.requests).toHaveLength(1);
    });

    it('refuses loopback when allowLoopback is false', async () => {
      const server = await serve((request, response) => response.end('ok'));
      const error = await failureOf(newClient({ egressPolicy: new EgressPolicy({ allowLoopback: false }) }).request(connectorFor(server), { method: 'GET', path: '/' }));
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('redirects', () => {
    it('follows same-origin redirects, keeping credentials', async () => {
      const server = await serve((request, response) => {
        if (request.url === '/old') {
          response.writeHead(301, { location: '/new' });
          response.end();
        } else sendJson(response, 200, { at: request.url });
      });
      const connector = connectorFor(server, { auth: { type: 'bearer', token: 'same-origin-token' } });
      const response = await newClient().request(connector, { method: 'GET', path: '/old' });
      expect(response).toMatchObject({ status: 200, body: { at: '/new' }, url: `${server.origin}/new`, redirects: [{ status: 301, url: `${server.origin}/new` }] });
      expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer same-origin-token', 'Bearer same-origin-token']);
    });

    it('strips credentials when a redirect leaves the connector\'s origin', async () => {
      const other = await serve((request, response) => sendJson(response, 200, { ok: true }));
      const server = await serve((request, response) => {
        response.writeHead(307, { location: `http://localhost:${other.port}/landing?api_key=query-secret-123&keep=1&X-Amz-Signature=presigned` });
        response.end();
      });
      const connector = connectorFor(server, {
        auth: { type: 'api_key', in: 'query', name: 'api_key', value: 'query-secret-123' },
        defaultHeaders: [
          { name: 'X-Tenant-Secret', value: 'tenant-secret-456', secret: true },
          { name: 'X-Plain', value: 'plain', secret: false },
        ],
      });
      const response = await newClient().request(connector, { method: 'PUT', path: '/doc', body: { a: 1 } });
      expect(response.status).toBe(200);
      expect(server.requests[0]!.url).toBe('/doc?api_key=query-secret-123');
      expect(server.requests[0]!.headers['x-tenant-secret']).toBe('tenant-secret-456');
      const landed = other.requests[0]!;
      expect(landed).toMatchObject({ method: 'PUT', url: '/landing?keep=1&X-Amz-Signature=presigned', body: '{"a":1}' });
      expect(landed.headers['x-tenant-secret']).toBeUndefined();
      expect(landed.headers['x-plain']).toBe('plain');
      expect(JSON.stringify(response)).not.toContain('query-secret-123');
    });

    it('turns a POST into a GET on 303 and stops after 5 redirects', async () => {
      const server = await serve((request, response) => {
        if (request.url === '/submit') {
          response.writeHead(303, { location: '/result' });
          response.end();
        } else if (request.url.startsWith('/loop')) {
          response.writeHead(302, { location: `/loop${request.url.length}` });
          response.end();
        } else sendJson(response, 200, { method: request.method, body: request.body });
      });
      const client = newClient();
      const response = await client.request(connectorFor(server), { method: 'POST', path: '/submit', body: { x: 1 } });
      expect(response.body).toEqual({ method: 'GET', body: '' });
      expect(server.requests[1]!.headers['content-type']).toBeUndefined();

      const error = await failureOf(client.request(connectorFor(server), { method: 'GET', path: '/loop' }));
      expect(error).toBeInstanceOf(TooManyRedirectsError);
      expect(server.requests.filter((request) => request.url.startsWith('/loop'))).toHaveLength(6);
    });
  });
});
