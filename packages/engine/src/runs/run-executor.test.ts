import type { Step, StepInput } from '@conflux/contracts';
import { Step as StepSchema } from '@conflux/contracts';
import { createPrismaClient } from '@conflux/db';
import { truncateAll } from '@conflux/db/testing';
import { HttpClient } from '../http';
import { startLocalServer, type LocalServer } from '../http/testing/local-server';
import type { ConnectorRuntimeConfig } from '../http';
import type { Model } from '../model';
import { shutdownSandbox } from '../sandbox';
import type { EngineServices } from '../steps';
import { executeRun, RunCancelled } from './run-executor';
import { PrismaRecordWriter } from './prisma-record-writer';
import { PrismaRunStore } from './prisma-run-store';

const prisma = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 4 });
const SYSTEM = '0190d6a0-0000-7000-8000-000000000001';
const CONNECTOR = '0190d6a0-0000-7000-8000-000000000002';
const ENDPOINTS: Record<string, { path: string; methods: string[] }> = {
  '0190d6a0-0000-7000-8000-00000000000a': { path: '/forecast/{city}', methods: ['GET'] },
  '0190d6a0-0000-7000-8000-00000000000b': { path: '/items', methods: ['GET'] },
  '0190d6a0-0000-7000-8000-00000000000c': { path: '/orders', methods: ['POST'] },
};
const [FORECAST, ITEMS, ORDERS] = Object.keys(ENDPOINTS) as [string, string, string];

let upstream: LocalServer;
let services: EngineServices;
let connector: ConnectorRuntimeConfig;

beforeAll(async () => {
  upstream = await startLocalServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    response.setHeader('content-type', 'application/json');
    if (url.pathname.startsWith('/forecast/')) {
      const city = decodeURIComponent(url.pathname.slice('/forecast/'.length));
      if (city === 'Nowhere') {
        response.statusCode = 404;
        response.end(JSON.stringify({ error: 'unknown city' }));
        return;
      }
      response.end(JSON.stringify({ city, temperatureC: 21.5, units: url.searchParams.get('units'), key: request.headers['x-api-key'] }));
      return;
    }
    if (url.pathname === '/items') {
      // Three pages by cursor; the third points back at the second, which must not loop.
      const cursor = url.searchParams.get('cursor') ?? 'a';
      const pages: Record<string, { items: number[]; next: string | null }> = { a: { items: [1, 2], next: 'b' }, b: { items: [3], next: 'c' }, c: { items: [4], next: 'b' } };
      response.end(JSON.stringify(pages[cursor]));
      return;
    }
    if (url.pathname === '/orders') {
      response.statusCode = 201;
      response.end(JSON.stringify({ id: `order-${request.headers['idempotency-key']}`, received: JSON.parse(request.body) }));
      return;
    }
    response.statusCode = 500;
    response.end('{}');
  });
  connector = {
    id: CONNECTOR,
    baseUrl: upstream.origin,
    auth: { type: 'api_key', in: 'header', name: 'X-Api-Key', value: 'super-secret-key' },
    retryPolicy: { maxAttempts: 1, idempotencyKeyHeader: 'Idempotency-Key' },
  };
  services = {
    http: new HttpClient(),
    catalog: {
      connector: async () => connector,
      endpoint: async (id) => ENDPOINTS[id]!,
    },
    records: new PrismaRecordWriter(prisma),
    traceBodyLimit: 10_000,
  };
});
afterAll(async () => {
  await services.http.close();
  await upstream.close();
  await prisma.$disconnect();
  await shutdownSandbox();
});
beforeEach(async () => {
  await truncateAll(prisma);
  upstream.requests.length = 0;
});

const steps = (list: StepInput[]): Step[] => list.map((step) => StepSchema.parse(step));
const input: StepInput = { id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } };
const expr = (source: string) => ({ kind: 'expression' as const, source });
const apiCall = (id: string, config: Record<string, unknown>, sourceStepId = 'input'): StepInput =>
  ({
    id,
    name: id,
    type: 'execute_api_call',
    sourceStepId,
    config: { systemId: SYSTEM, connectorId: CONNECTOR, method: 'GET', ...config },
  }) as StepInput;

/** A Run row (the store's step rows need one) for a definition. */
async function createRun(definition: Step[], runInput: Model) {
  const dataflow = await prisma.dataflow.create({ data: { key: `df-${Date.now()}-${Math.random()}`, name: 'Test' } });
  const version = await prisma.dataflowVersion.create({ data: { dataflowId: dataflow.id, version: 1, steps: definition as object[] } });
  return prisma.run.create({
    data: { dataflowId: dataflow.id, dataflowVersionId: version.id, trigger: 'api', input: runInput, deadlineAt: new Date(Date.now() + 60_000) },
  });
}

async function run(definition: Step[], runInput: Model, signal = new AbortController().signal) {
  const row = await createRun(definition, runInput);
  const outcome = await executeRun({ runId: row.id, steps: definition, input: runInput }, new PrismaRunStore(prisma), services, signal);
  const stepRuns = await prisma.stepRun.findMany({ where: { runId: row.id }, orderBy: { startedAt: 'asc' } });
  return { runId: row.id, outcome, stepRuns: Object.fromEntries(stepRuns.map((stepRun) => [stepRun.stepId, stepRun])) };
}

describe('executeRun', () => {
  it('calls the API with mapped parameters, stores the result and writes the response', async () => {
    const definition = steps([
      input,
      { id: 'vars', name: 'Make API variables', type: 'execute_script', sourceStepId: 'input', config: { code: 'item.query = { city: item.city.trim(), units: "metric" };' } },
      apiCall('weather', {
        endpointId: FORECAST,
        resultStoreField: 'weather.current',
        parameters: [
          { in: 'path', name: 'city', value: expr('query.city') },
          { in: 'query', name: 'units', value: { kind: 'literal', value: 'metric' } },
        ],
      }, 'vars'),
      { id: 'shape', name: 'Shape', type: 'transform_model', sourceStepId: 'weather', config: { keepModel: false, fields: [{ path: 'summary', value: expr('weather.current.city & ": " & $string(weather.current.temperatureC) & "°C"') }] } },
      { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'shape', config: { mode: 'model' } },
    ]);
    const { outcome, stepRuns } = await run(definition, { city: '  São Paulo/../x ' });
    expect(outcome).toEqual({ status: 'succeeded', output: { summary: 'São Paulo/../x: 21.5°C' } });
    expect(upstream.requests[0]!.url).toBe('/forecast/S%C3%A3o%20Paulo%2F..%2Fx?units=metric');
    expect(stepRuns.weather!.status).toBe('succeeded');
    expect((stepRuns.weather!.modelAfter as { weather: { current: { temperatureC: number } } }).weather.current.temperatureC).toBe(21.5);
    expect(stepRuns.vars!.modelBefore).toEqual({ city: '  São Paulo/../x ' });
    // The trace holds the request and response, with the API key masked everywhere.
    const trace = JSON.stringify(stepRuns.weather);
    expect(trace).toContain('"status":200');
    expect(trace).not.toContain('super-secret-key');
  });

  it('runs branches on private copies of the model and stops a branch whose filter says no', async () => {
    const definition = steps([
      input,
      { id: 'hot', name: 'Only hot', type: 'filter', sourceStepId: 'input', config: { condition: 'temperature > 30' } },
      { id: 'warn', name: 'Warn', type: 'transform_model', sourceStepId: 'hot', config: { fields: [{ path: 'warning', value: { kind: 'literal', value: true } }] } },
      { id: 'mark', name: 'Mark', type: 'transform_model', sourceStepId: 'input', config: { fields: [{ path: 'seen', value: { kind: 'literal', value: true } }] } },
      { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'input', config: { mode: 'model' } },
    ]);
    const { outcome, stepRuns } = await run(definition, { temperature: 12 });
    expect(stepRuns.hot!.status).toBe('succeeded');
    expect(stepRuns.hot!.modelAfter).toBeNull();
    expect(stepRuns.warn!.status).toBe('skipped');
    expect(stepRuns.mark!.modelAfter).toEqual({ temperature: 12, seen: true });
    // The sibling's change did not leak into the input branch.
    expect(outcome).toEqual({ status: 'succeeded', output: { temperature: 12 } });
  });

  it('fails the run at the first failing step, with the status and the response in the trace', async () => {
    const definition = steps([
      input,
      apiCall('weather', { endpointId: FORECAST, resultStoreField: 'weather', parameters: [{ in: 'path', name: 'city', value: expr('city') }] }),
      { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'weather', config: { mode: 'model' } },
    ]);
    const { outcome, stepRuns } = await run(definition, { city: 'Nowhere' });
    expect(outcome).toMatchObject({ status: 'failed', error: { stepId: 'weather', message: expect.stringContaining('404') } });
    expect(stepRuns.weather!.status).toBe('failed');
    expect(JSON.stringify(stepRuns.weather!.response)).toContain('unknown city');
    expect(stepRuns.respond).toBeUndefined();
  });

  it('reports a script error with its line', async () => {
    const definition = steps([input, { id: 'bad', name: 'Bad', type: 'execute_script', sourceStepId: 'input', config: { code: 'const a = 1;\n\nthrow new Error("no city given");' } }]);
    const { outcome } = await run(definition, {});
    expect(outcome).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/no city given.*line 3/) } });
  });

  it('follows cursor pagination, joins the pages and stops when a cursor repeats', async () => {
    const definition = steps([
      input,
      apiCall('all', { endpointId: ITEMS, resultStoreField: 'items', pagination: { type: 'cursor', parameter: 'cursor', nextCursor: 'body.next', items: 'body.items', maxPages: 10 } }),
    ]);
    const { outcome } = await run(definition, {});
    expect(outcome).toEqual({ status: 'succeeded', output: { items: [1, 2, 3, 4] } });
    expect(upstream.requests.map((request) => request.url)).toEqual(['/items', '/items?cursor=b', '/items?cursor=c']);
  });

  it('resumes after a crash without repeating steps that succeeded, sending the same idempotency key', async () => {
    const definition = steps([
      input,
      apiCall('order', { endpointId: ORDERS, method: 'POST', resultStoreField: 'order', parameters: [{ in: 'body', name: 'sku', value: expr('sku') }] }),
      { id: 'respond', name: 'Respond', type: 'write_response', sourceStepId: 'order', config: { mode: 'mapping', fields: [{ path: 'orderId', value: expr('order.id') }] } },
    ]);
    const row = await createRun(definition, { sku: 'A-1' });
    const store = new PrismaRunStore(prisma);
    // First worker: dies right after the order was placed (its respond step never ran).
    const firstAttempt = await executeRun({ runId: row.id, steps: definition.slice(0, 2), input: { sku: 'A-1' } }, store, services, new AbortController().signal);
    expect(firstAttempt.status).toBe('succeeded');
    expect(upstream.requests).toHaveLength(1);

    const resumed = await executeRun({ runId: row.id, steps: definition, input: { sku: 'A-1' } }, store, services, new AbortController().signal);
    expect(upstream.requests).toHaveLength(1);
    expect(resumed).toEqual({ status: 'succeeded', output: { orderId: `order-${upstream.requests[0]!.headers['idempotency-key']}` } });
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({ sku: 'A-1' });

    // A step that was running when the worker died runs again, with the same idempotency key.
    await prisma.stepRun.update({ where: { runId_stepId: { runId: row.id, stepId: 'order' } }, data: { status: 'running' } });
    await executeRun({ runId: row.id, steps: definition, input: { sku: 'A-1' } }, store, services, new AbortController().signal);
    expect(upstream.requests).toHaveLength(2);
    expect(upstream.requests[1]!.headers['idempotency-key']).toBe(upstream.requests[0]!.headers['idempotency-key']);
    const order = await prisma.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId: row.id, stepId: 'order' } } });
    expect(order.attempts).toBe(2);
  });

  it('creates, updates and deletes component records with Update entry', async () => {
    const component = await prisma.component.create({
      data: { key: 'weather', name: 'Weather', entityModel: { properties: [{ name: 'city', type: 'string', required: true }, { name: 'temperature', type: 'number' }] } },
    });
    const definition = steps([
      input,
      { id: 'save', name: 'Save', type: 'update_entry', sourceStepId: 'input', config: { componentId: component.id, operation: 'create', resultStoreField: 'recordId', fields: [{ property: 'city', value: expr('city') }, { property: 'temperature', value: expr('t') }] } },
      { id: 'fix', name: 'Fix', type: 'update_entry', sourceStepId: 'save', config: { componentId: component.id, operation: 'update', recordId: expr('recordId'), resultStoreField: 'updatedId', fields: [{ property: 'temperature', value: { kind: 'literal', value: 25 } }] } },
    ]);
    const { outcome } = await run(definition, { city: 'Oslo', t: 21.5 });
    expect(outcome.status).toBe('succeeded');
    const records = await prisma.entityRecord.findMany({ where: { componentId: component.id } });
    expect(records).toHaveLength(1);
    expect(records[0]!.data).toEqual({ city: 'Oslo', temperature: 25 });
    expect((outcome as unknown as { output: { recordId: string } }).output.recordId).toBe(records[0]!.id);

    const remove = steps([input, { id: 'del', name: 'Delete', type: 'update_entry', sourceStepId: 'input', config: { componentId: component.id, operation: 'delete', recordId: expr('id'), resultStoreField: 'deleted' } }]);
    expect((await run(remove, { id: records[0]!.id })).outcome.status).toBe('succeeded');
    expect(await prisma.entityRecord.count()).toBe(0);
    const missing = await run(remove, { id: records[0]!.id });
    expect(missing.outcome).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('No record') } });
  });

  it('fails Update entry naming the property when a record does not fit the entity model, and applies defaults on create', async () => {
    const component = await prisma.component.create({
      data: {
        key: 'weather',
        name: 'Weather',
        entityModel: {
          properties: [
            { name: 'city', type: 'string', required: true },
            { name: 'temperature', type: 'number' },
            { name: 'source', type: 'string', default: 'upstream' },
          ],
        },
      },
    });
    const save = (fields: Array<{ property: string; value: unknown }>, operation = 'create', recordId?: string): StepInput =>
      ({ id: 'save', name: 'Save weather', type: 'update_entry', sourceStepId: 'input', config: { componentId: component.id, operation, recordId: recordId ? { kind: 'literal', value: recordId } : undefined, resultStoreField: 'recordId', fields } }) as StepInput;

    const created = await run(steps([input, save([{ property: 'city', value: expr('city') }, { property: 'temperature', value: expr('t') }])]), { city: 'Oslo', t: 21.5 });
    expect(created.outcome.status).toBe('succeeded');
    const record = await prisma.entityRecord.findFirstOrThrow({ where: { componentId: component.id } });
    expect(record.data).toEqual({ city: 'Oslo', temperature: 21.5, source: 'upstream' });

    const wrongType = await run(steps([input, save([{ property: 'city', value: expr('city') }, { property: 'temperature', value: expr('t') }])]), { city: 'Oslo', t: 'warm' });
    expect(wrongType.outcome).toMatchObject({ status: 'failed', error: { stepName: 'Save weather', message: expect.stringMatching(/temperature: .*number/) } });
    expect(wrongType.stepRuns.save!.status).toBe('failed');

    const missing = await run(steps([input, save([{ property: 'temperature', value: expr('t') }])]), { t: 3 });
    expect(missing.outcome).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('city:') } });

    const unknown = await run(steps([input, save([{ property: 'city', value: expr('city') }, { property: 'humidity', value: expr('h') }])]), { city: 'Oslo', h: 80 });
    expect(unknown.outcome).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('humidity: not a property') } });

    // Update validates the merged record: a wrong type is refused, and the stored record is unchanged.
    const badUpdate = await run(steps([input, save([{ property: 'city', value: { kind: 'literal', value: 42 } }], 'update', record.id)]), {});
    expect(badUpdate.outcome).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('city:') } });
    expect((await prisma.entityRecord.findUniqueOrThrow({ where: { id: record.id } })).data).toEqual(record.data);
    expect(await prisma.entityRecord.count()).toBe(1);
  });

  it('stops between steps when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new RunCancelled());
    const { outcome, stepRuns } = await run(steps([input]), {}, controller.signal);
    expect(outcome).toEqual({ status: 'cancelled', error: { message: 'The run was cancelled.' } });
    expect(stepRuns.input).toBeUndefined();
  });
});
