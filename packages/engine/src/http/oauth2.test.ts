import type { ConnectorRuntimeConfig, OAuth2ClientCredentialsAuth } from './connector-config';
import { EgressDeniedError, OAuth2TokenError } from './errors';
import type { HttpClientEvent } from './events';
import { HttpClient } from './http-client';
import { InMemoryTokenStore, isTokenFresh, refreshMarginMs } from './oauth2';
import { sendJson, startLocalServer, type LocalServer, type ReceivedRequest } from './testing/local-server';

describe('refresh margin', () => {
  const at = (lifetimeMs: number) => ({ obtainedAt: new Date(0), expiresAt: new Date(lifetimeMs) });

  it('refreshes 60 s or a tenth of the lifetime before expiry, whichever is longer', () => {
    expect(refreshMarginMs(at(3_600_000))).toBe(360_000);
    expect(refreshMarginMs(at(300_000))).toBe(60_000);
  });

  it('keeps short-lived tokens for at least half their life', () => {
    expect(refreshMarginMs(at(60_000))).toBe(30_000);
    expect(isTokenFresh(at(2_000), 900)).toBe(true);
    expect(isTokenFresh(at(2_000), 1_000)).toBe(false);
  });
});

describe('OAuth2 client credentials through HttpClient', () => {
  let server: LocalServer;
  let issued: string[];
  let rejected: Set<string>;
  let expiresIn: number;
  let tokenDelayMs: number;
  let clock: number;
  let client: HttpClient;
  let events: HttpClientEvent[];

  const tokenRequests = () => server.requests.filter((request) => request.url === '/oauth/token');
  const apiRequests = () => server.requests.filter((request) => request.url.startsWith('/api'));
  const bearerOf = (request: ReceivedRequest) => request.headers.authorization?.replace(/^Bearer /, '');

  beforeEach(async () => {
    issued = [];
    rejected = new Set();
    expiresIn = 3600;
    tokenDelayMs = 0;
    clock = Date.parse('2026-01-01T00:00:00Z');
    events = [];
    server = await startLocalServer(async (request, response) => {
      if (request.url === '/oauth/token') {
        await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
        const token = `token-${issued.length + 1}`;
        issued.push(token);
        sendJson(response, 200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
        return;
      }
      const token = bearerOf(request);
      if (!token || !issued.includes(token) || rejected.has(token)) sendJson(response, 401, { error: 'invalid_token' });
      else sendJson(response, 200, { ok: true });
    });
    client = new HttpClient({ now: () => clock, onEvent: (event) => events.push(event) });
  });

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  function connector(auth: Partial<OAuth2ClientCredentialsAuth> = {}): ConnectorRuntimeConfig {
    return {
      id: 'oauth-connector',
      baseUrl: `${server.origin}/api`,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: `${server.origin}/oauth/token`,
        clientId: 'conflux client',
        clientSecret: 's3cret:with%chars',
        scopes: ['orders.read', 'orders.write'],
        audience: 'https://api.example',
        ...auth,
      },
      retryPolicy: { baseDelayMs: 10 },
    };
  }

  it('asks the token endpoint with the client credentials grant and HTTP Basic client authentication', async () => {
    await client.request(connector(), { method: 'GET', path: '/orders' });
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest!.method).toBe('POST');
    expect(tokenRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // RFC 6749 §2.3.1: id and secret are form-encoded before the Basic encoding.
    const [id, secret] = Buffer.from(tokenRequest!.headers.authorization!.replace('Basic ', ''), 'base64').toString().split(':');
    expect([id, secret]).toEqual(['conflux+client', 's3cret%3Awith%25chars']);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'orders.read orders.write',
      audience: 'https://api.example',
    });
    expect(apiRequests()[0]!.headers.authorization).toBe('Bearer token-1');
  });

  it('can send the client credentials in the form instead (client_secret_post)', async () => {
    await client.request(connector({ clientAuthMethod: 'client_secret_post' }), { method: 'GET', path: '/orders' });
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest!.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(tokenRequest!.body).get('client_secret')).toBe('s3cret:with%chars');
  });

  it('caches the token across requests', async () => {
    for (let i = 0; i < 3; i += 1) await client.request(connector(), { method: 'GET', path: '/orders' });
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests().map(bearerOf)).toEqual(['token-1', 'token-1', 'token-1']);
  });

  it('shares one token fetch among concurrent requests', async () => {
    tokenDelayMs = 50;
    const responses = await Promise.all(Array.from({ length: 5 }, () => client.request(connector(), { method: 'GET', path: '/orders' })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('refreshes the token before it expires', async () => {
    expiresIn = 2;
    await client.request(connector(), { method: 'GET', path: '/orders' });
    clock += 900;
    await client.request(connector(), { method: 'GET', path: '/orders' });
    expect(tokenRequests()).toHaveLength(1);
    // token-1 is valid for 900 ms more, but inside its refresh margin: replaced before it lapses.
    clock += 200;
    await client.request(connector(), { method: 'GET', path: '/orders' });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map(bearerOf)).toEqual(['token-1', 'token-1', 'token-2']);
    expect(events.filter((event) => event.type === 'token_fetched').map((event) => (event as { reason: string }).reason)).toEqual(['missing', 'expiring']);
  });

  it('fetches a new token once after a 401 and retries the request, even a POST', async () => {
    await client.request(connector(), { method: 'GET', path: '/orders' });
    rejected.add('token-1');
    const response = await client.request(connector(), { method: 'POST', path: '/orders', body: { sku: 1 } });
    expect(response).toMatchObject({ status: 200, body: { ok: true }, attempts: 2 });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((request) => [request.method, bearerOf(request)])).toEqual([
      ['GET', 'token-1'],
      ['POST', 'token-1'],
      ['POST', 'token-2'],
    ]);
  });

  it('returns the 401 when the new token is refused too, without looping', async () => {
    server.requests.length = 0;
    rejected = { has: () => true } as unknown as Set<string>;
    const response = await client.request(connector(), { method: 'GET', path: '/orders' });
    expect(response).toMatchObject({ status: 401, attempts: 2 });
    expect(tokenRequests()).toHaveLength(2);
  });

  it('fetches a new token when the credentials change', async () => {
    await client.request(connector(), { method: 'GET', path: '/orders' });
    await client.request(connector({ scopes: ['admin'] }), { method: 'GET', path: '/orders' });
    expect(tokenRequests()).toHaveLength(2);
    expect(new URLSearchParams(tokenRequests()[1]!.body).get('scope')).toBe('admin');
  });

  it('reuses a token another worker stored', async () => {
    const store = new InMemoryTokenStore();
    const first = new HttpClient({ tokenStore: store, now: () => clock });
    const second = new HttpClient({ tokenStore: store, now: () => clock });
    try {
      await first.request(connector(), { method: 'GET', path: '/orders' });
      await second.request(connector(), { method: 'GET', path: '/orders' });
      expect(tokenRequests()).toHaveLength(1);
      expect(apiRequests().map(bearerOf)).toEqual(['token-1', 'token-1']);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('reports a refused grant with the endpoint\'s error, without retrying', async () => {
    const refusing = await startLocalServer((request, response) => sendJson(response, 400, { error: 'invalid_scope', error_description: 'scope admin is not allowed' }));
    try {
      const error = await client.request(connector({ tokenUrl: `${refusing.origin}/token` }), { method: 'GET', path: '/orders' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OAuth2TokenError);
      expect((error as Error).message).toBe(`token endpoint ${refusing.origin}/token refused the client credentials grant with 400: invalid_scope: scope admin is not allowed`);
      expect(refusing.requests).toHaveLength(1);
    } finally {
      await refusing.close();
    }
  });

  it('applies the egress policy to the token URL', async () => {
    const error = await client.request(connector({ tokenUrl: 'http://169.254.169.254/token' }), { method: 'GET', path: '/orders' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EgressDeniedError);
    expect(apiRequests()).toHaveLength(0);
  });
});
