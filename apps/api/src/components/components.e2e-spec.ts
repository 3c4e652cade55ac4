import request from 'supertest';
import { Component, IncompatibleRecords, PreviewDisplayResponse } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';
import { defaultView, renderView } from './display';

const weatherModel = {
  properties: [
    { name: 'city', type: 'string', required: true, isTitle: true },
    { name: 'temperature', type: 'number' },
    { name: 'observedAt', type: 'datetime' },
  ],
};

describe('components through the API', () => {
  let subject: TestApp;
  let auth: { authorization: string };
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
  });
  afterAll(() => subject.close());

  const createWeather = async () =>
    Component.parse((await request(server()).post('/api/components').set(auth).send({ key: 'weather', name: 'Weather', entityModel: weatherModel }).expect(201)).body);

  it('creates, lists, searches, reads and updates components, with counts and dataflow keys', async () => {
    const created = await createWeather();
    expect(created).toMatchObject({ key: 'weather', description: '', displayFunction: null, recordCount: 0, dataflowKeys: [], formCount: 0 });
    expect(created.entityModel.properties[1]).toEqual({ name: 'temperature', type: 'number', title: '', required: false, isTitle: false });
    await request(server()).post('/api/components').set(auth).send({ key: 'orders', name: 'Orders' }).expect(201);

    const duplicate = await request(server()).post('/api/components').set(auth).send({ key: 'weather', name: 'Again' }).expect(409);
    expect(duplicate.body.issues).toEqual([{ path: ['key'], message: 'This key is taken' }]);
    const invalid = await request(server())
      .post('/api/components')
      .set(auth)
      .send({ key: 'bad', name: 'Bad', entityModel: { properties: [{ name: 'a', type: 'string' }, { name: 'a', type: 'bogus' }] } })
      .expect(400);
    expect(invalid.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual(expect.arrayContaining([['entityModel', 'properties', 1, 'type']]));

    const first = await request(server()).get('/api/components?limit=1').set(auth).expect(200);
    expect(first.body.items.map((c: Component) => c.key)).toEqual(['weather']);
    const second = await request(server()).get(`/api/components?limit=1&cursor=${first.body.nextCursor}`).set(auth).expect(200);
    expect(second.body).toMatchObject({ items: [{ key: 'orders' }], nextCursor: null });
    const search = await request(server()).get('/api/components?search=ORD').set(auth).expect(200);
    expect(search.body.items.map((c: Component) => c.key)).toEqual(['orders']);

    await request(server()).post('/api/dataflows').set(auth).send({ key: 'get-weather', name: 'Get weather', componentId: created.id, steps: [{ id: 'input', name: 'Input', type: 'input', config: {} }] }).expect(201);
    await request(server()).post('/api/components/weather/records').set(auth).send({ data: { city: 'Oslo' } }).expect(201);
    const updated = await request(server()).patch('/api/components/weather').set(auth).send({ name: 'Weather data', displayFunction: 'return { blocks: [] };' }).expect(200);
    expect(updated.body).toMatchObject({ name: 'Weather data', displayFunction: 'return { blocks: [] };', recordCount: 1, dataflowKeys: ['get-weather'] });
    await request(server()).get('/api/components/nope').set(auth).expect(404);
  });

  it('refuses a new entity model that stored records do not fit, listing them, and changes nothing', async () => {
    await createWeather();
    const ids: string[] = [];
    for (const data of [{ city: 'Oslo', temperature: 21.5 }, { city: 'Bergen' }, { city: 'Tromsø', temperature: -3 }]) {
      ids.push((await request(server()).post('/api/components/weather/records').set(auth).send({ data }).expect(201)).body.id);
    }
    // temperature becomes a required integer: Oslo (21.5) and Bergen (missing) no longer fit; observedAt is dropped (unused).
    const stricter = { properties: [{ name: 'city', type: 'string', required: true }, { name: 'temperature', type: 'integer', required: true }] };
    const refused = await request(server()).patch('/api/components/weather').set(auth).send({ entityModel: stricter, name: 'Renamed' }).expect(409);
    const body = IncompatibleRecords.parse(refused.body);
    expect(body.message).toMatch(/2 records do not fit/);
    expect(body.records.map((record) => record.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(body.records.find((record) => record.id === ids[1])!.issues).toEqual([{ path: ['data', 'temperature'], message: expect.any(String) }]);
    const unchanged = await request(server()).get('/api/components/weather').set(auth).expect(200);
    expect(unchanged.body).toMatchObject({ name: 'Weather', entityModel: { properties: [{ name: 'city' }, { name: 'temperature', type: 'number' }, { name: 'observedAt' }] } });

    // A model the records fit is accepted.
    const looser = { properties: [{ name: 'city', type: 'string', required: true }, { name: 'temperature', type: 'number' }] };
    await request(server()).patch('/api/components/weather').set(auth).send({ entityModel: looser }).expect(200);
  });

  it('refuses to delete a component that dataflows or forms use, and otherwise deletes it with its records', async () => {
    const component = await createWeather();
    await request(server()).post('/api/components/weather/records').set(auth).send({ data: { city: 'Oslo' } }).expect(201);
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'get-weather', name: 'Get weather', componentId: component.id, steps: [{ id: 'input', name: 'Input', type: 'input', config: {} }] }).expect(201);
    // A dataflow of no component that writes the component's records with Update entry.
    await request(server())
      .post('/api/dataflows')
      .set(auth)
      .send({
        key: 'import',
        name: 'Import',
        steps: [
          { id: 'input', name: 'Input', type: 'input', config: {} },
          { id: 'save', name: 'Save', type: 'update_entry', sourceStepId: 'input', config: { componentId: component.id, operation: 'create', resultStoreField: 'id', fields: [] } },
        ],
      })
      .expect(201);
    await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'ask', name: 'Ask the weather' }).expect(201);

    const refused = await request(server()).delete('/api/components/weather').set(auth).expect(409);
    expect(refused.body.dependents).toEqual([
      { type: 'dataflow', key: 'get-weather', name: 'Get weather' },
      { type: 'dataflow', key: 'import', name: 'Import' },
      { type: 'form', key: 'ask', name: 'Ask the weather' },
    ]);
    expect(refused.body.message).toMatch(/The component "Weather" is used by/);
    expect(await subject.prisma.entityRecord.count()).toBe(1);

    await request(server()).post('/api/components').set(auth).send({ key: 'lonely', name: 'Lonely', entityModel: weatherModel }).expect(201);
    await request(server()).post('/api/components/lonely/records').set(auth).send({ data: { city: 'Oslo' } }).expect(201);
    await request(server()).delete('/api/components/lonely').set(auth).expect(204);
    await request(server()).get('/api/components/lonely').set(auth).expect(404);
    expect(await subject.prisma.entityRecord.count()).toBe(1);
  });

  it('previews a display function on a sample output, falling back to the default view with the reason', async () => {
    await createWeather();
    const output = { city: 'Oslo', weather: { temperatureC: 21.5 } };
    const good = await request(server())
      .post('/api/components/weather/display/preview')
      .set(auth)
      .send({ output, displayFunction: 'return { title: item.city, blocks: [{ type: "message", tone: "success", text: item.weather.temperatureC + " °C" }] };' })
      .expect(200);
    expect(PreviewDisplayResponse.parse(good.body)).toEqual({ view: { title: 'Oslo', blocks: [{ type: 'message', tone: 'success', text: '21.5 °C' }] } });

    const throws = await request(server()).post('/api/components/weather/display/preview').set(auth).send({ output, displayFunction: 'throw new Error("boom")' }).expect(200);
    expect(throws.body.error).toMatch(/boom/);
    expect(throws.body.view).toEqual(defaultView(output));

    const invalid = await request(server()).post('/api/components/weather/display/preview').set(auth).send({ output, displayFunction: 'return { blocks: [{ type: "chart" }] };' }).expect(200);
    expect(invalid.body.error).toMatch(/invalid view: blocks\.0/);
    await request(server()).post('/api/components/none/display/preview').set(auth).send({ output, displayFunction: null }).expect(404);
  });
});

describe('the default view', () => {
  it('flattens nested objects into labels and shows arrays of objects as tables, never raw JSON only', () => {
    const view = defaultView({ city: 'Oslo', weather: { temperatureC: 21.5, wind: { speed: 3 } }, tags: ['mild', 'dry'], forecast: [{ day: 'Mon', t: 20 }, { day: 'Tue', t: 18, rain: true }] });
    expect(view.blocks).toEqual([
      {
        type: 'keyValue',
        pairs: [
          { label: 'city', value: 'Oslo' },
          { label: 'weather.temperatureC', value: 21.5 },
          { label: 'weather.wind.speed', value: 3 },
          { label: 'tags', value: 'mild, dry' },
          { label: 'forecast', value: '2 rows (table below)' },
        ],
      },
      { type: 'table', columns: ['day', 't', 'rain'], rows: [['Mon', 20, null], ['Tue', 18, true]] },
    ]);
    expect(defaultView(null).blocks[0]).toMatchObject({ type: 'message' });
    expect(defaultView(42)).toEqual({ blocks: [{ type: 'keyValue', pairs: [{ label: 'Result', value: 42 }] }] });
  });

  it('uses the default view when there is no display function, and stops a display function that runs too long', async () => {
    expect(await renderView(null, { a: 1 })).toEqual({ view: defaultView({ a: 1 }) });
    const slow = await renderView('for (;;) {}', { a: 1 });
    expect(slow.view).toEqual(defaultView({ a: 1 }));
    expect(slow.error).toMatch(/display function failed/);
  });
});
