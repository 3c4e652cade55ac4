import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { OutboundResult } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { asSession, createApiToken, createUser, signIn } from '../../test/fixtures';

const API_KEY = 'sk-live-SECRET-7f3a9c';
const BEARER = 'bearer-SECRET-d41d8c';
const HEADER_SECRET = 'hdr-SECRET-98f0';

/**
 * "Test connection" and "Try it" through the real HTTP client against a real local upstream
 * that echoes what it received, so any secret the client sent would come back in the body.
 */
describe('test connection and try it', () => {
  let subject: TestApp;
  let upstream: http.Server;
  let baseUrl: string;
  let auth: { authorization: string };
  const logs: string[] = [];
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      if (req.headers['x-api-key'] !== API_KEY && req.headers.authorization !== `Bearer ${BEARER}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unauthorized' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers, big: 'x'.repeat(req.url?.includes('big') ? 50_000 : 0) }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    subject = await startTestApp(process.env.DATABASE_URL, { logStream: stream });
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
  });
  afterAll(async () => {
    await subject.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  async function connector(body: object) {
    const system = (await request(server()).post('/api/systems').set(auth).send({ key: 'weather', name: 'Weather' }).expect(201)).body;
    return (await request(server()).post(`/api/systems/${system.id}/connectors`).set(auth).send({ key: 'prod', name: 'Prod', ...body }).expect(201)).body;
  }

  it('tests a connection with its API key and shows status and time, with the key masked', async () => {
    const created = await connector({
      baseUrl: `${baseUrl}/v1`,
      testPath: '/ping',
      auth: { type: 'api_key', in: 'header', name: 'X-Api-Key', value: API_KEY },
      defaultHeaders: [{ name: 'X-Signature', value: HEADER_SECRET, secret: true }],
    });
    const response = await request(server()).post(`/api/connectors/${created.id}/test`).set(auth).expect(200);
    const result = OutboundResult.parse(response.body);
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1 });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect((result.body as { url: string }).url).toBe('/v1/ping');
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(HEADER_SECRET);
  });

  it('reports a failed connection as a result, not an error', async () => {
    const created = await connector({ baseUrl: 'http://127.0.0.1:1', auth: { type: 'bearer', token: BEARER } });
    const result = OutboundResult.parse((await request(server()).post(`/api/connectors/${created.id}/test`).set(auth).expect(200)).body);
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    expect(JSON.stringify(result)).not.toContain(BEARER);
  });

  it('refuses cloud metadata addresses', async () => {
    const created = await connector({ baseUrl: 'http://169.254.169.254/latest' });
    const result = OutboundResult.parse((await request(server()).post(`/api/connectors/${created.id}/test`).set(auth).expect(200)).body);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/metadata/);
  });

  it('tries an endpoint with encoded path parameters, query and body, through the connector auth', async () => {
    const created = await connector({ baseUrl, auth: { type: 'bearer', token: BEARER } });
    const endpoint = (
      await request(server())
        .post(`/api/connectors/${created.id}/endpoints`)
        .set(auth)
        .send({
          key: 'forecast',
          path: '/v1/forecast/{city}',
          methods: ['GET', 'POST'],
          parameters: [{ name: 'city', in: 'path', required: true }, { name: 'days', in: 'query', required: true }],
        })
        .expect(201)
    ).body;
    const missing = await request(server()).post(`/api/endpoints/${endpoint.id}/try`).set(auth).send({ method: 'PUT' }).expect(400);
    expect(missing.body.issues).toEqual([
      { path: ['method'], message: 'Allowed: GET, POST' },
      { path: ['path', 'city'], message: 'Required' },
      { path: ['query', 'days'], message: 'Required' },
    ]);

    const tried = await request(server())
      .post(`/api/endpoints/${endpoint.id}/try`)
      .set(auth)
      .send({ method: 'POST', path: { city: 'São Paulo/../admin' }, query: { days: '3' }, body: { note: 'hi' } })
      .expect(200);
    const result = OutboundResult.parse(tried.body);
    expect(result.status).toBe(200);
    expect((result.body as { url: string }).url).toBe('/v1/forecast/S%C3%A3o%20Paulo%2F..%2Fadmin?days=3');
    expect((result.body as { method: string }).method).toBe('POST');
    expect(JSON.stringify(tried.body)).not.toContain(BEARER);
  });

  it('truncates large responses at the connector limit', async () => {
    const created = await connector({ baseUrl, auth: { type: 'bearer', token: BEARER }, maxResponseBytes: 2048, testPath: '/big' });
    const result = OutboundResult.parse((await request(server()).post(`/api/connectors/${created.id}/test`).set(auth).expect(200)).body);
    expect(result.truncated).toBe(true);
  });

  it('never writes a stored secret to a log line', async () => {
    const admin = await createUser(subject.prisma, { role: 'admin' });
    const session = await signIn(server(), admin.email);
    const created = await connector({ baseUrl, auth: { type: 'api_key', in: 'query', name: 'key', value: API_KEY } });
    await request(server()).post(`/api/connectors/${created.id}/test`).set(asSession(session)).expect(200);
    await request(server()).patch(`/api/connectors/${created.id}`).set(asSession(session)).send({ auth: { type: 'bearer', token: BEARER } }).expect(200);
    expect(logs.length).toBeGreaterThan(0);
    const everything = logs.join('\n');
    for (const secret of [API_KEY, BEARER, session.cookie.split('=')[1]!]) expect(everything).not.toContain(secret);
  });
});
