import request from 'supertest';
import { HealthResponse } from '@conflux/contracts';
import { createScratchDatabase, currentTestServer, dropScratchDatabase } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';

describe('GET /api/health', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.close());

  it('answers 200 when the database is reachable and every migration is applied', async () => {
    const response = await request(subject.app.getHttpServer()).get('/api/health').expect(200);
    const body = HealthResponse.parse(response.body);
    expect(body).toMatchObject({
      status: 'ok',
      database: { reachable: true, embedded: false },
      migrations: { current: true, pending: [] },
    });
    expect(body.migrations.applied).toBeGreaterThan(0);
  });

  it('answers 503 naming the pending migrations on a database that was never migrated', async () => {
    const server = currentTestServer();
    const name = await createScratchDatabase(server, 'conflux_unmigrated');
    const unmigrated = await startTestApp(server.urlFor(name));
    try {
      const response = await request(unmigrated.app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body.status).toBe('degraded');
      expect(response.body.migrations.current).toBe(false);
      expect(response.body.migrations.pending.length).toBeGreaterThan(0);
    } finally {
      await unmigrated.close();
      await dropScratchDatabase(server, name);
    }
  });

  it('is documented in the OpenAPI document served at /api/docs', async () => {
    const response = await request(subject.app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    expect(response.body.info.title).toBe('Conflux API');
    expect(response.body.paths['/api/health'].get.responses['200']).toBeDefined();
    await request(subject.app.getHttpServer()).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('answers unknown routes with a JSON error body', async () => {
    const response = await request(subject.app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
