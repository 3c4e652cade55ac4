import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ImportPlan, RunView, type Bundle } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { createSecretBox } from '@conflux/engine';
import { startTestApp, TEST_SECRET_KEY, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';
import { startTestWorker } from '../../test/worker-fixture';
import type { Worker } from '../worker/worker';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/weather');
const weatherBundle = (): Bundle => JSON.parse(readFileSync(path.join(EXAMPLE, 'weather.bundle.json'), 'utf8'));

/** examples/weather/server.mjs on a free port, as an admin would start it. */
function startWeatherServer(): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(EXAMPLE, 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`weather server exited with ${code}`)));
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve({ process: child, url: match[1]! });
    });
  });
}

describe('bundles: export, import plan and apply', () => {
  let subject: TestApp;
  let worker: Worker;
  let weatherServer: { process: ChildProcess; url: string };
  let auth: { authorization: string };
  let overrides: Record<string, { baseUrl: string }>;
  const server = () => subject.app.getHttpServer();
  const counts = async () => ({
    systems: await subject.prisma.system.count(),
    connectors: await subject.prisma.connector.count(),
    endpoints: await subject.prisma.endpoint.count(),
    components: await subject.prisma.component.count(),
    forms: await subject.prisma.form.count(),
    dataflows: await subject.prisma.dataflow.count(),
    versions: await subject.prisma.dataflowVersion.count(),
    records: await subject.prisma.entityRecord.count(),
    imports: await subject.prisma.bundleImport.count(),
  });
  const apply = (body: object) => request(server()).post('/api/bundles/import/apply').set(auth).send(body);
  const plan = (body: object) => request(server()).post('/api/bundles/import/plan').set(auth).send(body);

  beforeAll(async () => {
    weatherServer = await startWeatherServer();
    overrides = { 'open-meteo/default': { baseUrl: weatherServer.url }, 'open-meteo/geocoding': { baseUrl: weatherServer.url } };
    subject = await startTestApp();
    worker = await startTestWorker(subject);
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
  });
  afterAll(async () => {
    await worker.stop();
    await subject.close();
    weatherServer.process.removeAllListeners('exit');
    weatherServer.process.kill();
  });

  it('serves the JSON Schema of the format to anyone', async () => {
    const response = await request(server()).get('/api/bundles/schema').expect(200);
    expect(response.body).toMatchObject({ title: 'Conflux component bundle', properties: { format: { const: 'conflux.bundle' } } });
  });

  it('imports the weather sample, runs it against the local server, and a second import changes nothing', async () => {
    const planned = ImportPlan.parse((await plan({ bundle: weatherBundle(), overrides }).expect(200)).body);
    expect(planned.canApply).toBe(true);
    expect(planned.counts).toEqual({ create: 8, update: 0, unchanged: 0, conflict: 0 });
    expect(planned.items.map((item) => `${item.type} ${item.key} ${item.action}`)).toEqual([
      'system open-meteo create',
      'connector open-meteo/default create',
      'connector open-meteo/geocoding create',
      'endpoint open-meteo/default/forecast create',
      'endpoint open-meteo/geocoding/search create',
      'component weather create',
      'form weather/current-weather create',
      'dataflow get-weather create',
    ]);
    expect(planned.secrets).toEqual([]);
    expect(await counts()).toMatchObject({ systems: 0, components: 0, imports: 0 }); // planning writes nothing

    const applied = (await apply({ bundle: weatherBundle(), overrides }).expect(200)).body;
    expect(applied).toMatchObject({ counts: planned.counts, importId: expect.any(String) });
    expect(await counts()).toEqual({ systems: 1, connectors: 2, endpoints: 2, components: 1, forms: 1, dataflows: 1, versions: 1, records: 0, imports: 1 });
    const history = (await request(server()).get('/api/bundles/imports').set(auth).expect(200)).body;
    expect(history.items[0]).toMatchObject({ user: { email: expect.any(String) }, summary: { via: 'api', components: ['weather'], counts: planned.counts } });

    const run = RunView.parse((await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: '  Oslo ' }, wait: 20 }).expect(200)).body);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', version: 1 });
    expect(run.output).toMatchObject({ city: 'Oslo', country: 'Norway', temperature: expect.any(Number), conditions: expect.any(String), observedAt: expect.stringMatching(/Z$/) });
    const records = await subject.prisma.entityRecord.findMany();
    expect(records.map((record) => (record.data as { city: string }).city)).toEqual(['Oslo']);

    const again = ImportPlan.parse((await apply({ bundle: weatherBundle(), overrides }).expect(200)).body);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 8, conflict: 0 });
    expect(await counts()).toMatchObject({ systems: 1, connectors: 2, dataflows: 1, versions: 1, imports: 2 });
  });

  it('exports a component with what it needs but never a secret, and the export imports into an empty installation as the same objects', async () => {
    await apply({ bundle: weatherBundle(), overrides }).expect(200);
    const connector = await subject.prisma.connector.findFirstOrThrow({ where: { key: 'default' } });
    await request(server())
      .patch(`/api/connectors/${connector.id}`)
      .set(auth)
      .send({ auth: { type: 'api_key', in: 'query', name: 'apikey', value: 'sup3r-s3cret-key' }, defaultHeaders: [{ name: 'X-Signature', secret: true, value: 'sig-s3cret' }, { name: 'Accept', value: 'application/json' }] })
      .expect(200);
    await request(server()).post('/api/dataflows/get-weather/runs').set(auth).send({ input: { city: 'Bergen' }, wait: 20 }).expect(200);

    const response = await request(server()).post('/api/bundles/export').set(auth).send({ components: ['weather'], includeRecords: true }).expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="weather.bundle.json"');
    const exported = response.body as Bundle;
    const text = JSON.stringify(exported);
    expect(text).not.toContain('sup3r-s3cret-key');
    expect(text).not.toContain('sig-s3cret');
    expect(text).not.toMatch(/"(systemId|connectorId|endpointId|componentId)"/);
    expect(exported.systems[0]!.connectors.find((c) => c.key === 'default')).toMatchObject({
      auth: { type: 'api_key', in: 'query', name: 'apikey' },
      secrets: ['auth.value', 'header:x-signature'],
      defaultHeaders: [{ name: 'X-Signature', secret: true }, { name: 'Accept', secret: false, value: 'application/json' }],
    });
    expect(exported.warnings).toEqual([expect.stringContaining('"open-meteo/default" needs auth.value, header:x-signature')]);
    expect(exported.records).toEqual({ weather: [expect.objectContaining({ city: 'Bergen' })] });
    expect(exported.components.map((c) => c.key)).toEqual(['weather']);
    expect(exported.dataflows.map((d) => d.key)).toEqual(['get-weather']);

    // An empty installation.
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    const secrets = { 'open-meteo/default': { 'auth.value': 'sup3r-s3cret-key', 'header:x-signature': 'sig-s3cret' } };
    const planned = ImportPlan.parse((await plan({ bundle: exported }).expect(200)).body);
    expect(planned.secrets).toEqual([
      { connector: 'open-meteo/default', name: 'auth.value', stored: false, provided: false },
      { connector: 'open-meteo/default', name: 'header:x-signature', stored: false, provided: false },
    ]);
    expect(planned.warnings).toHaveLength(2);
    const applied = ImportPlan.parse((await apply({ bundle: exported, secrets }).expect(200)).body);
    expect(applied.counts).toEqual({ create: 9, update: 0, unchanged: 0, conflict: 0 });
    expect(applied.items.at(-1)).toMatchObject({ type: 'records', key: 'weather', action: 'create', changes: ['1 new record(s)'] });
    const stored = await subject.prisma.connector.findFirstOrThrow({ where: { key: 'default' } });
    const box = createSecretBox(TEST_SECRET_KEY);
    expect(box.decrypt((stored.secretsEncrypted as Record<string, string>).auth!)).toBe('sup3r-s3cret-key');

    const reexported = (await request(server()).post('/api/bundles/export').set(auth).send({ components: ['weather'], includeRecords: true }).expect(200)).body;
    expect({ ...reexported, exportedAt: null }).toEqual({ ...exported, exportedAt: null });

    // The same secrets again: nothing to do. A different one: an update of that connector only.
    expect(ImportPlan.parse((await plan({ bundle: exported, secrets }).expect(200)).body).counts).toEqual({ create: 0, update: 0, unchanged: 9, conflict: 0 });
    const rotated = ImportPlan.parse((await plan({ bundle: exported, secrets: { 'open-meteo/default': { 'auth.value': 'new-key' } } }).expect(200)).body);
    expect(rotated.items.filter((item) => item.action !== 'unchanged')).toEqual([
      { type: 'connector', key: 'open-meteo/default', name: 'Forecast API', action: 'update', changes: ['secret auth.value'] },
    ]);
    expect(rotated.secrets[0]).toEqual({ connector: 'open-meteo/default', name: 'auth.value', stored: true, provided: true });
  });

  it('refuses truncated, malformed, huge and inconsistent bundles with every problem and its path, and writes nothing', async () => {
    const body = JSON.stringify({ bundle: weatherBundle(), overrides });
    const truncated = await request(server()).post('/api/bundles/import/apply').set(auth).set('content-type', 'application/json').send(body.slice(0, body.length / 2)).expect(400);
    expect(truncated.body.message).toMatch(/not valid JSON/);
    const huge = await request(server())
      .post('/api/bundles/import/plan')
      .set(auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ bundle: { format: 'conflux.bundle', padding: 'x'.repeat(10 * 1024 * 1024) } }))
      .expect(413);
    expect(huge.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('10 MB') });

    const broken = weatherBundle() as unknown as {
      components: Array<Record<string, unknown>>;
      systems: Array<{ connectors: Array<{ key: string; auth: Record<string, unknown>; endpoints: unknown[] }> }>;
      dataflows: Array<{ steps: Array<{ config: Record<string, unknown> }> }>;
    };
    broken.components.push({ ...broken.components[0], name: 'Twin' });
    broken.systems[0]!.connectors[1]!.key = 'default';
    broken.dataflows[0]!.steps[4]!.config.endpoint = 'nowhere';
    broken.dataflows[0]!.steps[6]!.config.component = 'nothing';
    broken.systems[0]!.connectors[0]!.auth = { type: 'none', token: 'leaked' };
    const invalid = await apply({ bundle: broken, overrides }).expect(400);
    expect(invalid.body.message).toBe('The bundle has problems; nothing was imported');
    expect(invalid.body.issues).toEqual(
      expect.arrayContaining([
        { path: ['bundle', 'systems', 0, 'connectors', 0, 'auth', 'token'], message: 'Not part of the bundle format' },
        { path: ['bundle', 'components', 1, 'key'], message: expect.stringContaining('Duplicate component key "weather"') },
        { path: ['bundle', 'systems', 0, 'connectors', 1, 'key'], message: expect.stringContaining('Duplicate connector key "default"') },
      ]),
    );

    // With the structure right, references are checked against the bundle and the installation.
    const dangling = weatherBundle() as unknown as typeof broken;
    dangling.dataflows[0]!.steps[4]!.config.endpoint = 'nowhere';
    dangling.dataflows[0]!.steps[6]!.config.component = 'nothing';
    (dangling.components[0]!.forms as Array<Record<string, unknown>>)[0]!.dataflow = 'missing-flow';
    const missing = await apply({ bundle: dangling, overrides, secrets: { 'open-meteo/nope': { 'auth.value': 'x' } } }).expect(400);
    expect(missing.body.issues).toEqual([
      { path: ['bundle', 'dataflows', 0, 'steps', 4, 'config', 'endpoint'], message: 'Query path "nowhere" of connector "open-meteo/default" is neither in the bundle nor in this installation' },
      { path: ['bundle', 'dataflows', 0, 'steps', 6, 'config', 'component'], message: 'Component "nothing" is neither in the bundle nor in this installation' },
      { path: ['bundle', 'components', 0, 'forms', 0, 'dataflow'], message: 'Dataflow "missing-flow" is neither in the bundle nor in this installation' },
      { path: ['secrets', 'open-meteo/nope'], message: 'The bundle has no connector "open-meteo/nope" (use "<system>/<connector>")' },
    ]);

    const newer = await plan({ bundle: { ...weatherBundle(), formatVersion: 2 } }).expect(400);
    expect(newer.body.issues).toEqual([{ path: ['bundle', 'formatVersion'], message: expect.stringContaining('reads bundle format version 1') }]);
    const older = await plan({ bundle: { ...weatherBundle(), formatVersion: 0 } }).expect(400);
    expect(older.body.issues).toEqual([{ path: ['bundle', 'formatVersion'], message: expect.stringContaining('version 0 is not supported') }]);
    await plan({ bundle: [1, 2] }).expect(400);

    expect(await counts()).toEqual({ systems: 0, connectors: 0, endpoints: 0, components: 0, forms: 0, dataflows: 0, versions: 0, records: 0, imports: 0 });
  });

  it('publishes changed steps as a new version, and refuses to run over an unpublished draft', async () => {
    await apply({ bundle: weatherBundle(), overrides }).expect(200);
    const changed = weatherBundle();
    changed.dataflows[0]!.name = 'Weather now';
    (changed.dataflows[0]!.steps[1]!.config as { timeoutMs: number }).timeoutMs = 2_000;
    changed.systems[0]!.connectors[0]!.totalTimeoutMs = 20_000;
    const planned = ImportPlan.parse((await plan({ bundle: changed, overrides }).expect(200)).body);
    expect(planned.items.filter((item) => item.action !== 'unchanged').map(({ key, action, changes }) => ({ key, action, changes }))).toEqual([
      { key: 'open-meteo/default', action: 'update', changes: ['totalTimeoutMs'] },
      { key: 'get-weather', action: 'update', changes: ['name', 'steps (new published version 2)'] },
    ]);
    await apply({ bundle: changed, overrides }).expect(200);
    const dataflow = (await request(server()).get('/api/dataflows/get-weather').set(auth).expect(200)).body;
    expect(dataflow).toMatchObject({ name: 'Weather now', publishedVersion: 2, hasDraft: false });

    // An admin starts a draft; an import with other steps would bury it.
    const draft = { ...dataflow.current, name: 'Weather now', steps: dataflow.current.steps.map((step: { id: string; name: string }) => (step.id === 'respond' ? { ...step, name: 'Answer' } : step)) };
    await request(server()).put('/api/dataflows/get-weather/draft').set(auth).send({ name: draft.name, steps: draft.steps }).expect(200);
    const conflicted = ImportPlan.parse((await plan({ bundle: weatherBundle(), overrides }).expect(200)).body);
    expect(conflicted.canApply).toBe(false);
    expect(conflicted.items.find((item) => item.type === 'dataflow')).toMatchObject({ action: 'conflict', message: expect.stringContaining('unpublished draft (version 3)') });
    const before = await counts();
    const refused = await apply({ bundle: weatherBundle(), overrides }).expect(409);
    expect(refused.body.message).toMatch(/conflicts/);
    expect(await counts()).toEqual(before);
    expect((await subject.prisma.connector.findFirstOrThrow({ where: { key: 'default' } })).totalTimeoutMs).toBe(20_000);
  });

  it('refuses an export of a component that does not exist, naming it', async () => {
    const response = await request(server()).post('/api/bundles/export').set(auth).send({ components: ['ghost'] }).expect(400);
    expect(response.body.issues).toEqual([{ path: ['components', 0], message: 'No component with the key "ghost"' }]);
  });
});
