import request from 'supertest';
import { RecordList } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, createUser } from '../../test/fixtures';

describe('component records through the API', () => {
  let subject: TestApp;
  let auth: { authorization: string };
  const server = () => subject.app.getHttpServer();
  const records = '/api/components/cities/records';

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    await request(server())
      .post('/api/components')
      .set(auth)
      .send({
        key: 'cities',
        name: 'Cities',
        entityModel: {
          properties: [
            { name: 'name', type: 'string', required: true, isTitle: true },
            { name: 'country', type: 'string', default: 'NO' },
            { name: 'population', type: 'integer' },
            { name: 'capital', type: 'boolean' },
            { name: 'founded', type: 'date' },
            { name: 'website', type: 'uri' },
          ],
        },
      })
      .expect(201);
  });
  afterAll(() => subject.close());

  const seed = async () => {
    const rows = [
      { name: 'Oslo', population: 709_000, capital: true },
      { name: 'Bergen', population: 286_000 },
      { name: 'Stockholm', country: 'SE', population: 984_000, capital: true },
      { name: 'Trondheim', population: 212_000 },
      { name: 'Gothenburg', country: 'SE' },
    ];
    for (const data of rows) await request(server()).post(records).set(auth).send({ data }).expect(201);
  };
  const names = (body: unknown) => RecordList.parse(body).items.map((record) => record.data.name);

  it('validates input against the entity model with field-level errors, and applies defaults on create', async () => {
    const bad = await request(server())
      .post(records)
      .set(auth)
      .send({ data: { population: 'many', founded: '1048', website: 'not a url', mayor: 'x' } })
      .expect(400);
    expect(bad.body.message).toBe('The record does not fit the entity model');
    expect(bad.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual(
      expect.arrayContaining([
        ['data', 'name'],
        ['data', 'population'],
        ['data', 'founded'],
        ['data', 'website'],
        ['data', 'mayor'],
      ]),
    );
    expect(await subject.prisma.entityRecord.count()).toBe(0);

    const created = await request(server()).post(records).set(auth).send({ data: { name: 'Oslo', founded: '1048-01-01' } }).expect(201);
    expect(created.body.data).toEqual({ name: 'Oslo', country: 'NO', founded: '1048-01-01' });
    const id = created.body.id;
    await request(server()).get(`${records}/${id}`).set(auth).expect(200);

    const patched = await request(server()).patch(`${records}/${id}`).set(auth).send({ data: { population: 709_000, founded: null } }).expect(200);
    expect(patched.body.data).toEqual({ name: 'Oslo', country: 'NO', founded: null, population: 709_000 });
    const badPatch = await request(server()).patch(`${records}/${id}`).set(auth).send({ data: { population: 1.5, name: null } }).expect(400);
    expect(badPatch.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual(expect.arrayContaining([['data', 'population'], ['data', 'name']]));
    expect((await request(server()).get(`${records}/${id}`).set(auth).expect(200)).body.data.population).toBe(709_000);

    await request(server()).delete(`${records}/${id}`).set(auth).expect(204);
    await request(server()).get(`${records}/${id}`).set(auth).expect(404);
    await request(server()).get(`${records}/not-a-uuid`).set(auth).expect(400);
    await request(server()).get('/api/components/nope/records').set(auth).expect(404);
  });

  it('pages, sorts by a property in either direction, and filters by equality on text values', async () => {
    await seed();
    const first = await request(server()).get(`${records}?limit=2`).set(auth).expect(200);
    expect(first.body).toMatchObject({ total: 5, offset: 0, limit: 2 });
    expect(names(first.body)).toEqual(['Oslo', 'Bergen']);
    expect(names((await request(server()).get(`${records}?limit=2&offset=4`).set(auth).expect(200)).body)).toEqual(['Gothenburg']);

    // Numbers sort as numbers; records without the property come last.
    const byPopulation = await request(server()).get(`${records}?sort=population&order=desc`).set(auth).expect(200);
    expect(names(byPopulation.body)).toEqual(['Stockholm', 'Oslo', 'Bergen', 'Trondheim', 'Gothenburg']);
    const byName = await request(server()).get(`${records}?sort=name&limit=3&offset=1`).set(auth).expect(200);
    expect(names(byName.body)).toEqual(['Gothenburg', 'Oslo', 'Stockholm']);

    const swedish = await request(server()).get(`${records}?filter.country=SE&sort=name`).set(auth).expect(200);
    expect(swedish.body.total).toBe(2);
    expect(names(swedish.body)).toEqual(['Gothenburg', 'Stockholm']);
    expect(names((await request(server()).get(`${records}?filter[country]=SE&sort=name`).set(auth).expect(200)).body)).toEqual(['Gothenburg', 'Stockholm']);
    const capitals = await request(server()).get(`${records}?filter.capital=true&filter.country=NO`).set(auth).expect(200);
    expect(names(capitals.body)).toEqual(['Oslo']);
    const byNumber = await request(server()).get(`${records}?filter.population=286000`).set(auth).expect(200);
    expect(names(byNumber.body)).toEqual(['Bergen']);
    // Values are parameters, never SQL.
    const injection = await request(server()).get(`${records}?filter.name=${encodeURIComponent("x' or '1'='1")}`).set(auth).expect(200);
    expect(injection.body.total).toBe(0);
  });

  it('answers 400 for an unknown sort or filter property and for bad paging', async () => {
    const sort = await request(server()).get(`${records}?sort=mayor`).set(auth).expect(400);
    expect(sort.body.issues).toEqual([{ path: ['sort'], message: '"mayor" is not a property of the entity model' }]);
    const filter = await request(server()).get(`${records}?filter.mayor=x`).set(auth).expect(400);
    expect(filter.body.issues[0].path).toEqual(['filter', 'mayor']);
    const paging = await request(server()).get(`${records}?limit=0&order=sideways`).set(auth).expect(400);
    expect(paging.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual(expect.arrayContaining([['limit'], ['order']]));
  });
});
