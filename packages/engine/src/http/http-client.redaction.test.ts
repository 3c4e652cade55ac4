import type { ConnectorAuth, ConnectorRuntimeConfig } from './connector-config';
import { HttpClientError, HttpNetworkError, HttpTimeoutError, OAuth2TokenError } from './errors';
import type { HttpClientEvent } from './events';
import { HttpClient } from './http-client';
import { sendJson, startLocalServer, type LocalServer } from './testing/local-server';

const API_KEY = 'ak_live_5ecret+KEY/1';
const BEARER_TOKEN = 'bearer-5ecret-token';
const PASSWORD = 'p@ss:w0rd 5ecret';
const CLIENT_SECRET = 'cl1ent-5ecret&x';
const ACCESS_TOKEN = 'access-5ecret-token';
const HEADER_SECRET = 'hdr-5ecret-value';
const basicPair = Buffer.from(`reporter:${PASSWORD}`).toString('base64');

/** Every form a secret could leak in: raw, URL-encoded, base64 of the Basic pair. */
const FORBIDDEN = [API_KEY, encodeURIComponent(API_KEY), BEARER_TOKEN, PASSWORD, encodeURIComponent(PASSWORD), basicPair, CLIENT_SECRET, ACCESS_TOKEN, HEADER_SECRET];

let server: LocalServer;
let client: HttpClient;
let events: HttpClientEvent[];

beforeAll(async () => {
  // Echoes the request back, as httpbin does, and sets a cookie: the worst case for leaks.
  server = await startLocalServer((request, response) => {
    if (request.url.startsWith('/token')) {
      sendJson(response, 200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 });
    } else if (request.url.startsWith('/broken')) {
      response.socket?.destroy();
    } else if (request.url.startsWith('/hang')) {
      // never answers
    } else {
      sendJson(response, 200, { method: request.method, url: request.url, headers: request.headers, body: request.body }, { 'set-cookie': `session=${ACCESS_TOKEN}` });
    }
  });
});

afterAll(() => server.close());

beforeEach(() => {
  events = [];
  client = new HttpClient({ onEvent: (event) => events.push(event) });
});

afterEach(() => client.close());

const AUTHS: Record<string, () => ConnectorAuth> = {
  'API key in a header': () => ({ type: 'api_key', in: 'header', name: 'X-Api-Key', value: API_KEY }),
  'API key in the query': () => ({ type: 'api_key', in: 'query', name: 'key', value: API_KEY }),
  'bearer token': () => ({ type: 'bearer', token: BEARER_TOKEN }),
  'basic password': () => ({ type: 'basic', username: 'reporter', password: PASSWORD }),
  'OAuth2 client secret and access token': () => ({
    type: 'oauth2_client_credentials',
    tokenUrl: `${server.origin}/token`,
    clientId: 'reporter',
    clientSecret: CLIENT_SECRET,
    scopes: ['read'],
  }),
};

function connector(auth: ConnectorAuth, overrides: Partial<ConnectorRuntimeConfig> = {}): ConnectorRuntimeConfig {
  return {
    id: `connector-${auth.type}`,
    baseUrl: server.origin,
    auth,
    defaultHeaders: [{ name: 'X-Tenant', value: HEADER_SECRET, secret: true }],
    retryPolicy: { maxAttempts: 1 },
    ...overrides,
  };
}

function expectNoSecrets(text: string): void {
  for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
}

function everythingIn(error: unknown): string {
  const failure = error as HttpClientError;
  return [failure.message, failure.stack, String(failure.cause), (failure.cause as Error | undefined)?.stack, JSON.stringify(failure), JSON.stringify(failure.request)].join('\n');
}

describe.each(Object.entries(AUTHS))('no %s in results, errors or events', (_, auth) => {
  it('is sent upstream but masked in the returned result, even when the upstream echoes it', async () => {
    const result = await client.request(connector(auth()), {
      method: 'POST',
      path: '/echo',
      query: { q: 'x' },
      body: { note: `the caller's body mentions ${HEADER_SECRET}` },
    });
    expect(result.status).toBe(200);
    const seen = server.requests.at(-1)!;
    expect(JSON.stringify(seen)).toMatch(/5ecret/);
    expect(seen.headers['x-tenant']).toBe(HEADER_SECRET);

    expectNoSecrets(JSON.stringify(result));
    expect(JSON.stringify(result.body)).toContain('[redacted]');
    expect(result.request.headers['X-Tenant']).toBe('[redacted]');
    expect(result.headers['set-cookie']).toBe('[redacted]');
    expectNoSecrets(JSON.stringify(events));
  });

  it('is masked in network errors', async () => {
    const error = await client.request(connector(auth()), { method: 'GET', path: '/broken' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpNetworkError);
    expectNoSecrets(everythingIn(error));
    expectNoSecrets(JSON.stringify(events));
  });

  it('is masked in timeout errors', async () => {
    const error = await client.request(connector(auth(), { totalTimeoutMs: 150 }), { method: 'GET', path: '/hang' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect((error as HttpClientError).request?.headers).toBeDefined();
    expectNoSecrets(everythingIn(error));
  });
});

it('masks the client secret when the token endpoint repeats it in an error', async () => {
  const tokenServer = await startLocalServer((request, response) =>
    sendJson(response, 401, { error: 'invalid_client', error_description: `client secret ${CLIENT_SECRET} is not valid for reporter` }),
  );
  try {
    const auth = { ...AUTHS['OAuth2 client secret and access token']!(), tokenUrl: `${tokenServer.origin}/token` } as ConnectorAuth;
    const error = await client.request(connector(auth), { method: 'GET', path: '/echo' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OAuth2TokenError);
    expect((error as Error).message).toContain('invalid_client: client secret [redacted] is not valid for reporter');
    expectNoSecrets(everythingIn(error));
  } finally {
    await tokenServer.close();
  }
});

it('shows the API key query parameter as [redacted] in the described request and URL', async () => {
  const result = await client.request(connector(AUTHS['API key in the query']!()), { method: 'GET', path: '/echo', query: { page: '2' } });
  expect(result.request.url).toBe(`${server.origin}/echo?page=2&key=[redacted]`);
  expect(result.url).toBe(`${server.origin}/echo?page=2&key=[redacted]`);
  expect(server.requests.at(-1)!.url).toBe(`/echo?page=2&key=${encodeURIComponent(API_KEY)}`);
});
