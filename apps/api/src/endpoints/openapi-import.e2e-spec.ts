import request from 'supertest';
import YAML from 'yaml';
import { OpenApiImportPreview } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';

export const WEATHER_OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Weather', version: '1.2.0' },
  paths: {
    '/v1/search': {
      get: {
        operationId: 'searchLocations',
        summary: 'Find a city',
        parameters: [
          { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'count', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Results' } } } } },
      },
    },
    '/v1/forecast/{locationId}': {
      parameters: [{ name: 'locationId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getForecast', responses: { '200': { description: 'ok' } } },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
  components: { schemas: { Results: { type: 'object', properties: { results: { type: 'array', items: { type: 'object' } } } } } },
};

describe('OpenAPI import', () => {
  let subject: TestApp;
  let auth: { authorization: string };
  let connectorId: string;
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    const system = await subject.prisma.system.create({ data: { key: 'weather', name: 'Weather' } });
    connectorId = (await subject.prisma.connector.create({ data: { systemId: system.id, key: 'prod', name: 'Prod', baseUrl: 'http://127.0.0.1:9' } })).id;
  });
  afterAll(() => subject.close());

  it('previews the operations of a YAML document, then imports the chosen ones (and updates on re-import)', async () => {
    const document = YAML.stringify(WEATHER_OPENAPI);
    const preview = OpenApiImportPreview.parse(
      (await request(server()).post(`/api/connectors/${connectorId}/endpoints/import/preview`).set(auth).send({ document }).expect(200)).body,
    );
    expect(preview).toMatchObject({ title: 'Weather', version: '1.2.0' });
    expect(preview.operations.map((operation) => [operation.key, operation.method, operation.path])).toEqual([
      ['searchlocations', 'GET', '/v1/search'],
      ['getforecast', 'GET', '/v1/forecast/{locationId}'],
      ['delete-v1-forecast-locationid', 'DELETE', '/v1/forecast/{locationId}'],
    ]);
    expect(preview.operations[1]!.parameters).toEqual([{ name: 'locationId', in: 'path', type: 'string', required: true, description: '' }]);
    expect(await subject.prisma.endpoint.count()).toBe(0);

    const imported = await request(server())
      .post(`/api/connectors/${connectorId}/endpoints/import`)
      .set(auth)
      .send({ document, operationKeys: ['searchlocations', 'getforecast'] })
      .expect(201);
    expect(imported.body).toMatchObject({ created: 2, updated: 0 });
    const search = imported.body.endpoints.find((endpoint: { key: string }) => endpoint.key === 'searchlocations');
    expect(search.responseSchema).toEqual(WEATHER_OPENAPI.components.schemas.Results);

    const again = await request(server())
      .post(`/api/connectors/${connectorId}/endpoints/import`)
      .set(auth)
      .send({ document: JSON.stringify(WEATHER_OPENAPI), operationKeys: ['getforecast'] })
      .expect(201);
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    expect(await subject.prisma.endpoint.count()).toBe(2);
  });

  it('says where an invalid document is wrong, and imports nothing', async () => {
    const broken = structuredClone(WEATHER_OPENAPI) as Record<string, unknown>;
    delete (broken.info as Record<string, unknown>).version;
    const invalid = await request(server())
      .post(`/api/connectors/${connectorId}/endpoints/import/preview`)
      .set(auth)
      .send({ document: JSON.stringify(broken, null, 2) })
      .expect(400);
    expect(invalid.body.message).toBe('The OpenAPI document is not valid');
    expect(invalid.body.issues[0].path).toEqual(['document']);
    expect(invalid.body.issues[0].message).toMatch(/version/);
    expect(invalid.body.issues[0].message).toMatch(/\d+ \|/);

    const syntax = await request(server())
      .post(`/api/connectors/${connectorId}/endpoints/import/preview`)
      .set(auth)
      .send({ document: 'openapi: 3.0.0\ninfo: [unclosed\n' })
      .expect(400);
    expect(syntax.body.issues[0].message).toMatch(/line \d+/i);

    const swagger2 = await request(server()).post(`/api/connectors/${connectorId}/endpoints/import/preview`).set(auth).send({ document: '{"swagger":"2.0"}' }).expect(400);
    expect(swagger2.body.issues[0].message).toMatch(/Swagger 2.0/);

    const unknown = await request(server())
      .post(`/api/connectors/${connectorId}/endpoints/import`)
      .set(auth)
      .send({ document: JSON.stringify(WEATHER_OPENAPI), operationKeys: ['getforecast', 'nope'] })
      .expect(400);
    expect(unknown.body.issues).toEqual([{ path: ['operationKeys'], message: 'The document has no operation "nope"' }]);
    expect(await subject.prisma.endpoint.count()).toBe(0);
  });
});
