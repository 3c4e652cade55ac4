import request from 'supertest';
import { Connector, SystemDetail, SystemList } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';

const SECRETS = ['sk-live-0123456789', 'bearer-secret-abcdef', 'basic-pass-xyz', 'client-secret-999', 'header-secret-777'];

describe('integration catalog: systems, connectors, endpoints', () => {
  let subject: TestApp;
  let auth: { authorization: string };
  const server = () => subject.app.getHttpServer();
  const api = {
    get: (url: string) => request(server()).get(url).set(auth),
    post: (url: string, body: object) => request(server()).post(url).set(auth).send(body),
    patch: (url: string, body: object) => request(server()).patch(url).set(auth).send(body),
    delete: (url: string) => request(server()).delete(url).set(auth),
  };

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
  });
  afterAll(() => subject.close());

  const createSystem = async (key = 'weather') =>
    (await api.post('/api/systems', { key, name: `System ${key}`, description: 'Forecasts' }).expect(201)).body;

  it('creates, lists with search and pagination, updates and deletes systems', async () => {
    const weather = await createSystem('weather');
    await createSystem('crm');
    await createSystem('billing');
    const page = SystemList.parse((await api.get('/api/systems?limit=2').expect(200)).body);
    expect(page.items).toHaveLength(2);
    const rest = SystemList.parse((await api.get(`/api/systems?limit=2&cursor=${page.nextCursor}`).expect(200)).body);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const found = SystemList.parse((await api.get('/api/systems?search=CRM').expect(200)).body);
    expect(found.items.map((system) => system.key)).toEqual(['crm']);

    const updated = await api.patch(`/api/systems/${weather.id}`, { ownerNotes: 'Ask the ops team' }).expect(200);
    expect(updated.body.ownerNotes).toBe('Ask the ops team');
    const duplicate = await api.patch(`/api/systems/${weather.id}`, { key: 'crm' }).expect(409);
    expect(duplicate.body.issues).toEqual([{ path: ['key'], message: 'This key is taken' }]);
    await api.delete(`/api/systems/${weather.id}`).expect(204);
    await api.get(`/api/systems/${weather.id}`).expect(404);
  });

  it('names every invalid field of a system and a connector', async () => {
    const bad = await api.post('/api/systems', { key: 'Not A Key', name: '' }).expect(400);
    expect(bad.body.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual(['key', 'name']);
    const system = await createSystem();
    const badConnector = await api
      .post(`/api/systems/${system.id}/connectors`, {
        key: 'prod',
        name: 'Production',
        baseUrl: 'ftp://user:pw@example.com',
        auth: { type: 'api_key', in: 'cookie', name: 'x' },
        totalTimeoutMs: 5,
        retryPolicy: { maxAttempts: 50 },
      })
      .expect(400);
    const paths = badConnector.body.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['baseUrl', 'auth.in', 'totalTimeoutMs', 'retryPolicy.maxAttempts']));
    expect(await subject.prisma.connector.count()).toBe(0);
  });

  it('stores every kind of secret encrypted and never returns one', async () => {
    const system = await createSystem();
    const connectors: Connector[] = [];
    const auths = [
      { type: 'api_key', in: 'header', name: 'X-Api-Key', value: SECRETS[0] },
      { type: 'bearer', token: SECRETS[1] },
      { type: 'basic', username: 'svc', password: SECRETS[2] },
      { type: 'oauth2_client_credentials', tokenUrl: 'http://127.0.0.1:1/token', clientId: 'client', clientSecret: SECRETS[3], scopes: ['read'] },
    ];
    for (const [index, auth] of auths.entries()) {
      const response = await api
        .post(`/api/systems/${system.id}/connectors`, {
          key: `c${index}`,
          name: `Connector ${index}`,
          baseUrl: 'http://127.0.0.1:9/v1',
          auth,
          defaultHeaders: [
            { name: 'X-Tenant', value: 'acme' },
            { name: 'X-Signature', value: SECRETS[4], secret: true },
          ],
        })
        .expect(201);
      connectors.push(Connector.parse(response.body));
    }
    expect(connectors[0]!.auth).toEqual({ type: 'api_key', in: 'header', name: 'X-Api-Key', value: { set: true } });
    expect(connectors[2]!.auth).toEqual({ type: 'basic', username: 'svc', password: { set: true } });
    expect(connectors[0]!.defaultHeaders).toEqual([
      { name: 'X-Tenant', secret: false, value: 'acme', set: true },
      { name: 'X-Signature', secret: true, set: true },
    ]);

    const everything = JSON.stringify([
      connectors,
      (await api.get(`/api/systems/${system.id}`).expect(200)).body,
      (await api.get(`/api/systems/${system.id}/connectors`).expect(200)).body,
      (await api.get(`/api/connectors/${connectors[3]!.id}`).expect(200)).body,
    ]);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    const stored = JSON.stringify(await subject.prisma.connector.findMany());
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toMatch(/v1:[0-9a-f]{8}:/);
  });

  it('keeps a secret on update unless a new value or null is sent, and drops it when the auth type changes', async () => {
    const system = await createSystem();
    const created = await api
      .post(`/api/systems/${system.id}/connectors`, { key: 'c', name: 'C', baseUrl: 'http://127.0.0.1:9', auth: { type: 'bearer', token: 't0ken-value' } })
      .expect(201);
    const id = created.body.id;
    const renamed = await api.patch(`/api/connectors/${id}`, { name: 'Renamed' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', auth: { type: 'bearer', token: { set: true } }, totalTimeoutMs: 30_000 });
    const same = await api.patch(`/api/connectors/${id}`, { auth: { type: 'bearer' } }).expect(200);
    expect(same.body.auth.token).toEqual({ set: true });
    const cleared = await api.patch(`/api/connectors/${id}`, { auth: { type: 'bearer', token: null } }).expect(200);
    expect(cleared.body.auth.token).toEqual({ set: false });
    await api.patch(`/api/connectors/${id}`, { auth: { type: 'bearer', token: 'again' } }).expect(200);
    const basic = await api.patch(`/api/connectors/${id}`, { auth: { type: 'basic', username: 'u' } }).expect(200);
    expect(basic.body.auth).toEqual({ type: 'basic', username: 'u', password: { set: false } });
  });

  it('answers 409 listing the dataflows that use a system, connector or endpoint', async () => {
    const system = await createSystem();
    const connector = (await api.post(`/api/systems/${system.id}/connectors`, { key: 'c', name: 'C', baseUrl: 'http://127.0.0.1:9' }).expect(201)).body;
    const endpoint = (await api.post(`/api/connectors/${connector.id}/endpoints`, { key: 'forecast', path: '/forecast', methods: ['GET'] }).expect(201)).body;
    const dataflow = await subject.prisma.dataflow.create({ data: { key: 'get-weather', name: 'Get weather' } });
    await subject.prisma.dataflowVersion.create({
      data: {
        dataflowId: dataflow.id,
        version: 1,
        steps: [
          { id: 'input', name: 'Input', type: 'input', config: { source: 'raw' } },
          { id: 'call', name: 'Call', type: 'execute_api_call', sourceStepId: 'input', config: { systemId: system.id, connectorId: connector.id, endpointId: endpoint.id } },
        ],
      },
    });
    for (const url of [`/api/systems/${system.id}`, `/api/connectors/${connector.id}`, `/api/endpoints/${endpoint.id}`]) {
      const response = await api.delete(url).expect(409);
      expect(response.body.dependents).toEqual([{ type: 'dataflow', key: 'get-weather', name: 'Get weather' }]);
      expect(response.body.message).toContain('Get weather');
    }
    await subject.prisma.dataflow.delete({ where: { id: dataflow.id } });
    await api.delete(`/api/systems/${system.id}`).expect(204);
    expect(await subject.prisma.endpoint.count()).toBe(0);
  });

  it('checks that path placeholders and path parameters agree', async () => {
    const system = await createSystem();
    const connector = (await api.post(`/api/systems/${system.id}/connectors`, { key: 'c', name: 'C', baseUrl: 'http://127.0.0.1:9' }).expect(201)).body;
    const missing = await api.post(`/api/connectors/${connector.id}/endpoints`, { key: 'get', path: '/customers/{id}', methods: ['GET'] }).expect(400);
    expect(missing.body.issues).toEqual([{ path: ['parameters'], message: 'Describe the path parameter {id}' }]);
    const endpoint = await api
      .post(`/api/connectors/${connector.id}/endpoints`, {
        key: 'get',
        path: '/customers/{id}',
        methods: ['GET', 'DELETE'],
        parameters: [{ name: 'id', in: 'path', type: 'integer', required: true }, { name: 'expand', in: 'query' }],
      })
      .expect(201);
    expect(endpoint.body.parameters[1]).toEqual({ name: 'expand', in: 'query', type: 'string', required: false, description: '' });
    await api.patch(`/api/endpoints/${endpoint.body.id}`, { path: '/customers' }).expect(400);
    const listed = await api.get(`/api/connectors/${connector.id}/endpoints`).expect(200);
    expect(listed.body.items).toHaveLength(1);
    const detail = SystemDetail.parse((await api.get(`/api/systems/${system.id}`).expect(200)).body);
    expect(detail.connectors[0]!.endpointCount).toBe(1);
  });
});
