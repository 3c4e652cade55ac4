import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { listRoutes } from '../../test/routes';
import { asSession, createApiToken, createUser, signIn, type SignedIn } from '../../test/fixtures';

type Access = 'public' | 'signed-in' | 'admin';

/**
 * Every route of the app and who may call it. A route that appears without an entry here
 * fails the test: decide its access, then add it.
 */
const MATRIX: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/openapi.json': 'public',
  'GET /api/docs-yaml': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/session': 'signed-in',
  'POST /api/auth/logout': 'signed-in',
  'POST /api/auth/password': 'signed-in',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'POST /api/users/:id/password': 'admin',
  'GET /api/api-tokens': 'admin',
  'POST /api/api-tokens': 'admin',
  'DELETE /api/api-tokens/:id': 'admin',
  'GET /api/systems': 'admin',
  'POST /api/systems': 'admin',
  'GET /api/systems/:id': 'admin',
  'PATCH /api/systems/:id': 'admin',
  'DELETE /api/systems/:id': 'admin',
  'GET /api/systems/:systemId/connectors': 'admin',
  'POST /api/systems/:systemId/connectors': 'admin',
  'GET /api/connectors/:id': 'admin',
  'PATCH /api/connectors/:id': 'admin',
  'DELETE /api/connectors/:id': 'admin',
  'POST /api/connectors/:id/test': 'admin',
  'GET /api/connectors/:connectorId/endpoints': 'admin',
  'POST /api/connectors/:connectorId/endpoints': 'admin',
  'POST /api/connectors/:connectorId/endpoints/import/preview': 'admin',
  'POST /api/connectors/:connectorId/endpoints/import': 'admin',
  'GET /api/endpoints/:id': 'admin',
  'PATCH /api/endpoints/:id': 'admin',
  'DELETE /api/endpoints/:id': 'admin',
  'POST /api/endpoints/:id/try': 'admin',
  'GET /api/dataflows': 'admin',
  'POST /api/dataflows': 'admin',
  'GET /api/dataflows/:key': 'admin',
  'GET /api/dataflows/:key/versions/:version': 'admin',
  'PUT /api/dataflows/:key/draft': 'admin',
  'POST /api/dataflows/:key/publish': 'admin',
  'DELETE /api/dataflows/:key': 'admin',
  'POST /api/dataflows/:key/runs': 'admin',
  'GET /api/runs': 'signed-in',
  'GET /api/runs/:id': 'signed-in',
  'POST /api/runs/:id/cancel': 'admin',
  'GET /api/runs/:id/events': 'signed-in',
  'GET /api/components': 'admin',
  'POST /api/components': 'admin',
  'GET /api/components/:key': 'admin',
  'PATCH /api/components/:key': 'admin',
  'DELETE /api/components/:key': 'admin',
  'POST /api/components/:key/display/preview': 'admin',
  'GET /api/components/:key/records': 'admin',
  'POST /api/components/:key/records': 'admin',
  'GET /api/components/:key/records/:id': 'admin',
  'PATCH /api/components/:key/records/:id': 'admin',
  'DELETE /api/components/:key/records/:id': 'admin',
  'GET /api/components/:key/forms': 'admin',
  'POST /api/components/:key/forms': 'admin',
  'GET /api/forms/:id': 'admin',
  'PATCH /api/forms/:id': 'admin',
  'DELETE /api/forms/:id': 'admin',
  'GET /api/my/forms': 'signed-in',
  'GET /api/my/forms/:id': 'signed-in',
  'POST /api/my/forms/:id/submissions': 'signed-in',
  'GET /api/my/submissions': 'signed-in',
  'GET /api/my/submissions/:runId': 'signed-in',
  'GET /api/my/submissions/:runId/events': 'signed-in',
  'GET /api/bundles/schema': 'public',
  'POST /api/bundles/export': 'admin',
  'POST /api/bundles/import/plan': 'admin',
  'POST /api/bundles/import/apply': 'admin',
  'GET /api/bundles/imports': 'admin',
};

describe('authorization matrix', () => {
  let subject: TestApp;
  let user: SignedIn;
  let admin: SignedIn;
  let adminToken: string;
  let userToken: string;

  beforeAll(async () => {
    subject = await startTestApp();
    await truncateAll(subject.prisma);
    const [u, a] = await Promise.all([createUser(subject.prisma), createUser(subject.prisma, { role: 'admin' })]);
    user = await signIn(subject.app.getHttpServer(), u.email);
    admin = await signIn(subject.app.getHttpServer(), a.email);
    adminToken = await createApiToken(subject.prisma, a.id);
    userToken = await createApiToken(subject.prisma, u.id);
  });
  afterAll(() => subject.close());

  it('has an entry for every route of the app, and no entry for a route that is gone', () => {
    const routes = listRoutes(subject.app).map((route) => `${route.method} ${route.path}`);
    expect(routes.filter((route) => !(route in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !routes.includes(route))).toEqual([]);
  });

  // Params get a fresh UUID (nothing there): an allowed caller gets 404 or 400, never 401/403.
  const call = (key: string, headers: Record<string, string>) => {
    const [method, path] = key.split(' ') as [string, string];
    // `:version` must be a number to reach the handler; every other parameter is a UUID or a key.
    const url = path.replace(':version', '1').replace(/:\w+/g, randomUUID());
    const server = subject.app.getHttpServer();
    const req = request(server)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url).set(headers);
    // Logout would end the shared session for the rest of the test; the body is irrelevant otherwise.
    return method === 'GET' ? req : req.send({});
  };

  const cases = Object.entries(MATRIX).filter(([key]) => key !== 'POST /api/auth/logout');

  it.each(cases)('%s (%s): anonymous callers', async (key, access) => {
    const response = await call(key, {});
    if (access === 'public') expect([401, 403]).not.toContain(response.status);
    else expect(response.status).toBe(401);
  });

  it.each(cases)('%s (%s): users, by session and by API token', async (key, access) => {
    for (const headers of [asSession(user), { authorization: `Bearer ${userToken}` }]) {
      const response = await call(key, headers);
      if (access === 'admin') expect({ key, status: response.status }).toEqual({ key, status: 403 });
      else expect([401, 403]).not.toContain(response.status);
    }
  });

  it.each(cases)('%s (%s): admins, by session and by API token', async (key) => {
    for (const headers of [asSession(admin), { authorization: `Bearer ${adminToken}` }]) {
      const response = await call(key, headers);
      expect({ key, denied: [401, 403].includes(response.status), body: response.body }).toMatchObject({ key, denied: false });
    }
  });

  it('refuses cookie-authenticated writes without the CSRF token, and accepts token-authenticated ones', async () => {
    const server = subject.app.getHttpServer();
    const noCsrf = await request(server).post('/api/api-tokens').set('cookie', admin.cookie).send({ name: 'x' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.message).toMatch(/CSRF/);
    const wrongCsrf = await request(server).post('/api/api-tokens').set({ cookie: admin.cookie, 'x-csrf-token': user.csrfToken }).send({ name: 'x' });
    expect(wrongCsrf.status).toBe(403);
    await request(server).post('/api/api-tokens').set('authorization', `Bearer ${adminToken}`).send({ name: 'x' }).expect(201);
  });
});
