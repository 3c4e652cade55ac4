import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Submission, SubmissionList } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';
import { startTestWorker } from '../../test/worker-fixture';
import type { Worker } from '../worker/worker';

const SECRET = 's3cret-api-key-value';

/**
 * The whole end-user path: a form whose dataflow calls a local upstream (with an API key in
 * the query) and saves the result with Update entry, run by a real worker.
 */
describe('form submissions end to end', () => {
  let subject: TestApp;
  let worker: Worker;
  let upstream: http.Server;
  let baseUrl: string;
  let admin: { authorization: string };
  let user: { authorization: string };
  let other: { authorization: string };
  let formId: string;
  let delayMs = 0;
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      setTimeout(() => {
        const url = new URL(req.url ?? '/', 'http://x');
        const city = decodeURIComponent(url.pathname.split('/').pop() ?? '');
        res.setHeader('content-type', 'application/json');
        if (url.searchParams.get('key') !== SECRET) {
          res.statusCode = 401;
          res.end('{}');
        } else if (city === 'Nowhere') {
          res.statusCode = 500;
          res.end(JSON.stringify({ error: 'no such place', echoedKey: SECRET }));
        } else res.end(JSON.stringify({ city, temperatureC: 21.5 }));
      }, delayMs);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    subject = await startTestApp();
    worker = await startTestWorker(subject);
  });

  beforeEach(async () => {
    delayMs = 0;
    await truncateAll(subject.prisma);
    const [a, u, o] = await Promise.all([createUser(subject.prisma, { role: 'admin' }), createUser(subject.prisma), createUser(subject.prisma)]);
    admin = { authorization: `Bearer ${await createApiToken(subject.prisma, a.id)}` };
    user = { authorization: `Bearer ${await createApiToken(subject.prisma, u.id)}` };
    other = { authorization: `Bearer ${await createApiToken(subject.prisma, o.id)}` };

    const post = async (url: string, body: object) => (await request(server()).post(url).set(admin).send(body).expect(201)).body;
    const system = await post('/api/systems', { key: 'weather', name: 'Weather' });
    const connector = await post(`/api/systems/${system.id}/connectors`, { key: 'local', name: 'Local', baseUrl, auth: { type: 'api_key', in: 'query', name: 'key', value: SECRET } });
    const endpoint = await post(`/api/connectors/${connector.id}/endpoints`, { key: 'forecast', path: '/forecast/{city}', methods: ['GET'], parameters: [{ name: 'city', in: 'path', required: true }] });
    const component = await post('/api/components', {
      key: 'weather',
      name: 'Weather',
      entityModel: { properties: [{ name: 'city', type: 'string', required: true, isTitle: true }, { name: 'temperature', type: 'number' }] },
      displayFunction: 'return { title: "Weather in " + item.city, blocks: [{ type: "keyValue", pairs: [{ label: "Temperature", value: item.temperature + " °C" }] }] };',
    });
    await post('/api/dataflows', {
      key: 'get-weather',
      name: 'Get weather',
      componentId: component.id,
      steps: [
        { id: 'input', name: 'Form input', type: 'input', config: { mode: 'form' } },
        {
          id: 'weather',
          name: 'Get weather',
          type: 'execute_api_call',
          sourceStepId: 'input',
          config: {
            systemId: system.id,
            connectorId: connector.id,
            endpointId: endpoint.id,
            method: 'GET',
            resultStoreField: 'weather',
            parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: 'query.city' } }],
          },
        },
        {
          id: 'save',
          name: 'Save weather',
          type: 'update_entry',
          sourceStepId: 'weather',
          config: {
            componentId: component.id,
            operation: 'create',
            resultStoreField: 'recordId',
            fields: [
              { property: 'city', value: { kind: 'expression', source: 'weather.city' } },
              { property: 'temperature', value: { kind: 'expression', source: 'weather.temperatureC' } },
            ],
          },
        },
        {
          id: 'respond',
          name: 'Respond',
          type: 'write_response',
          sourceStepId: 'save',
          config: {
            mode: 'mapping',
            fields: [
              { path: 'city', value: { kind: 'expression', source: 'weather.city' } },
              { path: 'temperature', value: { kind: 'expression', source: 'weather.temperatureC' } },
              { path: 'recordId', value: { kind: 'expression', source: 'recordId' } },
            ],
          },
        },
      ],
    });
    await request(server()).post('/api/dataflows/get-weather/publish').set(admin).expect(200);
    const form = await post('/api/components/weather/forms', {
      key: 'ask',
      name: 'Ask the weather',
      fields: [
        { name: 'city', label: 'City', type: 'text', required: true, binding: 'query.city' },
        { name: 'units', label: 'Units', type: 'select', options: [{ value: 'metric', label: 'Metric' }] },
      ],
      dataflowKey: 'get-weather',
      access: { roles: ['user'], userIds: [] },
    });
    formId = form.id;
  });

  afterAll(async () => {
    await worker.stop();
    await subject.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const submit = (values: Record<string, unknown>, idempotencyKey: string, as = user, wait?: number) =>
    request(server())
      .post(`/api/my/forms/${formId}/submissions${wait ? `?wait=${wait}` : ''}`)
      .set(as)
      .send({ values, idempotencyKey });

  it('runs the dataflow, stores the record and shows the result through the display function', async () => {
    const response = await submit({ city: 'Oslo', units: 'metric' }, 'submit-0001', user, 10).expect(200);
    const submission = Submission.parse(response.body);
    expect(submission).toMatchObject({
      formId,
      formName: 'Ask the weather',
      status: 'succeeded',
      failure: null,
      view: { title: 'Weather in Oslo', blocks: [{ type: 'keyValue', pairs: [{ label: 'Temperature', value: '21.5 °C' }] }] },
    });
    expect(submission.steps).toEqual([
      { name: 'Form input', status: 'succeeded' },
      { name: 'Get weather', status: 'succeeded' },
      { name: 'Save weather', status: 'succeeded' },
      { name: 'Respond', status: 'succeeded' },
    ]);
    expect(response.headers.location).toBe(`/api/my/submissions/${submission.runId}`);
    const records = await request(server()).get('/api/components/weather/records').set(admin).expect(200);
    expect(records.body.items.map((record: { data: unknown }) => record.data)).toEqual([{ city: 'Oslo', temperature: 21.5 }]);
    const run = await subject.prisma.run.findUniqueOrThrow({ where: { id: submission.runId } });
    expect(run).toMatchObject({ trigger: 'form', formId, input: { query: { city: 'Oslo' }, units: 'metric' } });

    const mine = SubmissionList.parse((await request(server()).get('/api/my/submissions').set(user).expect(200)).body);
    expect(mine.items).toEqual([submission]);
    expect((await request(server()).get(`/api/my/submissions/${submission.runId}`).set(user).expect(200)).body).toEqual(submission);
    // Not someone else's: another user, and the admin's own list, do not see it.
    await request(server()).get(`/api/my/submissions/${submission.runId}`).set(other).expect(404);
    await request(server()).get(`/api/my/submissions/${submission.runId}/events`).set(other).expect(404);
    expect((await request(server()).get('/api/my/submissions').set(other).expect(200)).body.items).toEqual([]);
    expect((await request(server()).get('/api/my/submissions').set(admin).expect(200)).body.items).toEqual([]);
  });

  it('starts one run for a double submit with the same idempotency key', async () => {
    const [a, b] = await Promise.all([submit({ city: 'Oslo' }, 'double-click-1'), submit({ city: 'Oslo' }, 'double-click-1')]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.runId).toBe(b.body.runId);
    const again = await submit({ city: 'Oslo' }, 'double-click-1', user, 10).expect(200);
    expect(again.body).toMatchObject({ runId: a.body.runId, status: 'succeeded' });
    expect(await subject.prisma.run.count()).toBe(1);
    // The same key from another user is their own submission.
    const others = await submit({ city: 'Oslo' }, 'double-click-1', other).expect(202);
    expect(others.body.runId).not.toBe(a.body.runId);
    expect(await subject.prisma.run.count()).toBe(2);
  });

  it('reports a failing step in words, without secrets, models or responses', async () => {
    const response = await submit({ city: 'Nowhere' }, 'failing-0001', user, 10).expect(200);
    const submission = Submission.parse(response.body);
    expect(submission).toMatchObject({ status: 'failed', view: null, failure: { stepName: 'Get weather', message: expect.stringMatching(/500/) } });
    expect(submission.steps.map((step) => step.status)).toEqual(['succeeded', 'failed', 'skipped', 'skipped']);
    const text = JSON.stringify(response.body) + JSON.stringify((await request(server()).get('/api/my/submissions').set(user).expect(200)).body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('no such place');
    expect(await subject.prisma.entityRecord.count()).toBe(0);
  });

  it('answers 400 naming the fields for invalid values, and starts nothing', async () => {
    const response = await submit({ city: '  ', units: 'imperial', extra: 1 }, 'invalid-0001').expect(400);
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        { path: ['values', 'city'], message: 'City is required' },
        { path: ['values', 'units'], message: 'Units: choose one of the options' },
        { path: ['values', 'extra'], message: 'This form has no such field' },
      ]),
    );
    const missing = await submit({}, 'invalid-0002').expect(400);
    expect(missing.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['values', 'city']]);
    await request(server()).post(`/api/my/forms/${formId}/submissions`).set(user).send({ values: {}, idempotencyKey: 'short' }).expect(400);
    expect(await subject.prisma.run.count()).toBe(0);
  });

  it('answers 409 for a form without a dataflow or whose dataflow is not published', async () => {
    await request(server()).patch(`/api/forms/${formId}`).set(admin).send({ dataflowKey: null }).expect(200);
    const none = await submit({ city: 'Oslo' }, 'no-dataflow-1').expect(409);
    expect(none.body.message).toMatch(/not connected to a dataflow/);
    const component = (await request(server()).get('/api/components/weather').set(admin).expect(200)).body;
    await request(server())
      .post('/api/dataflows')
      .set(admin)
      .send({ key: 'draft-only', name: 'Draft', componentId: component.id, steps: [{ id: 'input', name: 'Input', type: 'input', config: { mode: 'form' } }] })
      .expect(201);
    await request(server()).patch(`/api/forms/${formId}`).set(admin).send({ dataflowKey: 'draft-only' }).expect(200);
    const unpublished = await submit({ city: 'Oslo' }, 'unpublished-1').expect(409);
    expect(unpublished.body.message).toMatch(/not been published/);
    expect(await subject.prisma.run.count()).toBe(0);
  });

  it('streams the submission as it progresses, ending with the result', async () => {
    delayMs = 300;
    const started = await submit({ city: 'Bergen' }, 'stream-0001').expect(202);
    const listening = server().listening ? server() : await new Promise<http.Server>((resolve) => { const s = server().listen(0, '127.0.0.1', () => resolve(s)); });
    const response = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/my/submissions/${started.body.runId}/events`, { headers: user });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const submissions = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: submission'))
      .map((block) => Submission.parse(JSON.parse(block.split('\ndata: ')[1]!)));
    expect(submissions.length).toBeGreaterThan(1);
    expect(submissions[0]!.status).not.toBe('succeeded');
    expect(submissions.at(-1)).toMatchObject({ status: 'succeeded', view: { title: 'Weather in Bergen' } });
    expect(text.trim().endsWith('event: end\ndata: {}')).toBe(true);
  });
});
