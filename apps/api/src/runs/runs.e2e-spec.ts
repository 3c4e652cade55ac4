import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { RunEvent, RunView } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';
import { startTestWorker } from '../../test/worker-fixture';
import type { Worker } from '../worker/worker';

describe('dataflows and runs through the API', () => {
  let subject: TestApp;
  let worker: Worker;
  let upstream: http.Server;
  let baseUrl: string;
  let auth: { authorization: string };
  let ids: { systemId: string; connectorId: string; endpointId: string };
  let delayMs = 0;
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      setTimeout(() => {
        const city = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ city, temperatureC: 21.5 }));
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
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    const system = (await request(server()).post('/api/systems').set(auth).send({ key: 'weather', name: 'Weather' }).expect(201)).body;
    const connector = (await request(server()).post(`/api/systems/${system.id}/connectors`).set(auth).send({ key: 'local', name: 'Local', baseUrl }).expect(201)).body;
    const endpoint = (
      await request(server())
        .post(`/api/connectors/${connector.id}/endpoints`)
        .set(auth)
        .send({ key: 'forecast', path: '/forecast/{city}', methods: ['GET'], parameters: [{ name: 'city', in: 'path', required: true }] })
        .expect(201)
    ).body;
    ids = { systemId: system.id, connectorId: connector.id, endpointId: endpoint.id };
  });
  afterAll(async () => {
    await worker.stop();
    await subject.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const steps = () => [
    { id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } },
    {
      id: 'weather',
      name: 'Get weather',
      type: 'execute_api_call',
      sourceStepId: 'input',
      config: { ...ids, resultStoreField: 'weather', method: 'GET', parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } }] },
    },
    { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'weather', config: { mode: 'mapping', fields: [{ path: 'temperature', value: { kind: 'expression', source: 'weather.temperatureC' } }] } },
  ];

  async function publishedDataflow(key = 'get-weather') {
    await request(server()).post('/api/dataflows').set(auth).send({ key, name: 'Get weather', steps: steps() }).expect(201);
    await request(server()).post(`/api/dataflows/${key}/publish`).set(auth).expect(200);
  }

  it('answers 400 listing every problem with its step and field, and saves nothing', async () => {
    const broken = steps();
    broken[1]!.sourceStepId = 'respond';
    (broken[2]!.config as { fields: Array<{ value: { source: string } }> }).fields[0]!.value.source = 'weather.temperatureC +';
    (broken[1]!.config as { connectorId: string }).connectorId = '0190d6a0-0000-7000-8000-00000000dead';
    const response = await request(server()).post('/api/dataflows').set(auth).send({ key: 'broken', name: 'Broken', steps: broken }).expect(400);
    expect(response.body.message).toBe('The dataflow has problems');
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        { path: ['steps', 1, 'sourceStepId'], message: 'The source step "respond" comes after this step (move it earlier)' },
        { path: ['steps', 1, 'config', 'connectorId'], message: 'No such connector' },
        expect.objectContaining({ path: ['steps', 2, 'config', 'fields', 0, 'value', 'source'] }),
      ]),
    );
    expect(await subject.prisma.dataflow.count()).toBe(0);
  });

  it('runs the published version and answers with the result when it ends within wait', async () => {
    await publishedDataflow();
    const response = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, wait: 10 }).expect(200);
    const run = RunView.parse(response.body);
    expect(run).toMatchObject({ status: 'succeeded', output: { temperature: 21.5 }, version: 1, trigger: 'api' });
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['input', 'succeeded'],
      ['weather', 'succeeded'],
      ['respond', 'succeeded'],
    ]);
    expect(response.headers.location).toBe(`/api/runs/${run.id}`);
  });

  it('answers 202 with the run URL when the run is not over, and lists runs with filters', async () => {
    await publishedDataflow();
    delayMs = 1500;
    const accepted = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' } }).expect(202);
    expect(['queued', 'running']).toContain(accepted.body.status);
    const finished = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Bergen' }, wait: 0.2 }).expect(202);
    expect(finished.headers.location).toBe(`/api/runs/${finished.body.id}`);

    const list = await request(server()).get('/api/runs?dataflow=get-weather&limit=1').set(auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].id).toBe(finished.body.id);
    expect(list.body.nextCursor).toBe(finished.body.id);
    const older = await request(server()).get(`/api/runs?dataflow=get-weather&cursor=${list.body.nextCursor}`).set(auth).expect(200);
    expect(older.body.items.map((run: { id: string }) => run.id)).toEqual([accepted.body.id]);
    const none = await request(server()).get('/api/runs?status=failed').set(auth).expect(200);
    expect(none.body.items).toEqual([]);
    await request(server()).get('/api/runs?status=bogus').set(auth).expect(400);
  });

  it('streams step and run events as server-sent events until the run ends', async () => {
    await publishedDataflow();
    delayMs = 300;
    const started = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' } }).expect(202);
    // supertest buffers whole bodies; a real listening server and fetch show the stream as it is.
    const listening = server().listening ? server() : await new Promise<http.Server>((resolve) => { const s = server().listen(0, '127.0.0.1', () => resolve(s)); });
    const response = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/runs/${started.body.id}/events`, { headers: auth });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: run') || block.startsWith('event: step'))
      .map((block) => RunEvent.parse(JSON.parse(block.split('\ndata: ')[1]!)));
    expect(events.filter((event) => event.type === 'step').map((event) => event.type === 'step' && `${event.step.stepId}:${event.step.status}`)).toEqual(
      expect.arrayContaining(['weather:succeeded', 'respond:succeeded']),
    );
    expect(events.at(-1)).toMatchObject({ type: 'run', run: { status: 'succeeded' } });
    expect(text.trim().endsWith('event: end\ndata: {}')).toBe(true);
  });

  it('runs the draft as an editor test run, and refuses to run an unpublished dataflow via the API', async () => {
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'draft-only', name: 'Draft', steps: steps() }).expect(201);
    const refused = await request(server()).post('/api/dataflows/draft-only/runs').set(auth).send({ input: {} }).expect(400);
    expect(refused.body.issues[0].path).toEqual(['version']);
    const test = await request(server()).post('/api/dataflows/draft-only/runs').set(auth).send({ input: { city: 'Oslo' }, version: 'draft', wait: 10 }).expect(200);
    expect(test.body).toMatchObject({ trigger: 'editor', status: 'succeeded' });
  });

  it('keeps history readable after edits: a new draft is a new version; runs keep theirs', async () => {
    await publishedDataflow();
    const first = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, wait: 10 }).expect(200);
    const edited = steps();
    edited[2]!.config = { mode: 'model' } as never;
    const draft = await request(server()).put('/api/dataflows/get-weather/draft').set(auth).send({ name: 'Get weather v2', steps: edited }).expect(200);
    expect(draft.body).toMatchObject({ latestVersion: 2, publishedVersion: 1, hasDraft: true, current: { version: 2, status: 'draft' } });
    await request(server()).post('/api/dataflows/get-weather/publish').set(auth).expect(200);
    const second = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, wait: 10 }).expect(200);
    expect(second.body.version).toBe(2);
    expect(second.body.output).toMatchObject({ city: 'Oslo', weather: { temperatureC: 21.5 } });
    const old = await request(server()).get(`/api/runs/${first.body.id}`).set(auth).expect(200);
    expect(old.body).toMatchObject({ version: 1, output: { temperature: 21.5 } });
    const v1 = await request(server()).get('/api/dataflows/get-weather/versions/1').set(auth).expect(200);
    expect(v1.body.steps[2].config.mode).toBe('mapping');
    await request(server()).post('/api/dataflows/get-weather/publish').set(auth).expect(409);
  });

  it('checks the input against the dataflow input schema', async () => {
    const inputSchema = { type: 'object', properties: { city: { type: 'string', minLength: 2 } }, required: ['city'] };
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'typed', name: 'Typed', inputSchema, steps: steps() }).expect(201);
    const refused = await request(server()).post('/api/dataflows/typed/runs').set(auth).send({ input: { city: 1 }, version: 'draft' }).expect(400);
    expect(refused.body.issues[0].path).toEqual(['input', 'city']);
    await request(server()).post('/api/dataflows/typed/runs').set(auth).send({ input: { city: 'Oslo' }, version: 'draft', wait: 10 }).expect(200);
    const bad = await request(server()).post('/api/dataflows').set(auth).send({ key: 'bad-schema', name: 'Bad', inputSchema: { type: 'nonsense' }, steps: steps() }).expect(400);
    expect(bad.body.issues.map((issue: { path: string[] }) => issue.path[0])).toContain('inputSchema');
  });

  it('returns the same run for a repeated idempotency key', async () => {
    await publishedDataflow();
    const [a, b] = await Promise.all([
      request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, idempotencyKey: 'form-42' }),
      request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, idempotencyKey: 'form-42' }),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect(await subject.prisma.run.count()).toBe(1);
  });

  it('cancels a run', async () => {
    await publishedDataflow();
    delayMs = 3000;
    const started = await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, wait: 0.5 }).expect(202);
    await request(server()).post(`/api/runs/${started.body.id}/cancel`).set(auth).expect(200);
    let run = (await request(server()).get(`/api/runs/${started.body.id}`).set(auth)).body;
    for (let i = 0; i < 50 && run.status !== 'cancelled'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = (await request(server()).get(`/api/runs/${started.body.id}`).set(auth)).body;
    }
    expect(run.status).toBe('cancelled');
    expect(run.steps.find((step: { stepId: string }) => step.stepId === 'weather').status).toBe('cancelled');
  });

  it('deletes a dataflow with its runs', async () => {
    await publishedDataflow();
    await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Oslo' }, wait: 10 }).expect(200);
    await request(server()).delete('/api/dataflows/get-weather').set(auth).expect(204);
    expect(await subject.prisma.run.count()).toBe(0);
    await request(server()).get('/api/dataflows/get-weather').set(auth).expect(404);
  });
});
