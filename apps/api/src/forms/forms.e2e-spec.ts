import request from 'supertest';
import { Form, UserForm, UserFormList } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { asSession, createApiToken, createUser, signIn } from '../../test/fixtures';

describe('forms through the API', () => {
  let subject: TestApp;
  let auth: { authorization: string };
  let componentId: string;
  const server = () => subject.app.getHttpServer();

  const fields = [
    { name: 'city', label: 'City', type: 'text', required: true, binding: 'query.city' },
    { name: 'days', label: 'Days', type: 'number', min: 1, max: 7 },
  ];

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    auth = { authorization: `Bearer ${await createApiToken(subject.prisma, admin.id)}` };
    componentId = (await request(server()).post('/api/components').set(auth).send({ key: 'weather', name: 'Weather' }).expect(201)).body.id;
    const other = (await request(server()).post('/api/components').set(auth).send({ key: 'other', name: 'Other' }).expect(201)).body.id;
    const input = [{ id: 'input', name: 'Input', type: 'input', config: { mode: 'form' } }];
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'get-weather', name: 'Get weather', componentId, steps: input }).expect(201);
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'elsewhere', name: 'Elsewhere', componentId: other, steps: input }).expect(201);
    await request(server()).post('/api/dataflows').set(auth).send({ key: 'loose', name: 'Loose', steps: input }).expect(201);
  });
  afterAll(() => subject.close());

  it('creates, lists, reads, updates and deletes forms', async () => {
    const created = await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'ask', name: 'Ask the weather', fields, dataflowKey: 'get-weather' }).expect(201);
    const form = Form.parse(created.body);
    expect(form).toMatchObject({ componentId, componentKey: 'weather', key: 'ask', dataflowKey: 'get-weather', access: { roles: ['user'], userIds: [] } });
    expect(form.fields[1]).toMatchObject({ name: 'days', help: '', required: false, options: [], binding: '' });

    await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'ask', name: 'Again' }).expect(409);
    const list = await request(server()).get('/api/components/weather/forms').set(auth).expect(200);
    expect(list.body.items.map((item: Form) => item.key)).toEqual(['ask']);
    expect((await request(server()).get('/api/components/other/forms').set(auth).expect(200)).body.items).toEqual([]);

    const user = await createUser(subject.prisma);
    const updated = await request(server())
      .patch(`/api/forms/${form.id}`)
      .set(auth)
      .send({ name: 'Weather', dataflowKey: null, access: { roles: [], userIds: [user.id] } })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Weather', dataflowKey: null, access: { roles: [], userIds: [user.id] }, fields: form.fields });
    expect((await request(server()).get(`/api/forms/${form.id}`).set(auth).expect(200)).body.name).toBe('Weather');
    expect((await request(server()).get('/api/components/weather').set(auth).expect(200)).body.formCount).toBe(1);

    await request(server()).delete(`/api/forms/${form.id}`).set(auth).expect(204);
    await request(server()).get(`/api/forms/${form.id}`).set(auth).expect(404);
  });

  it('requires the dataflow to belong to the component, and checks fields, bindings and users', async () => {
    for (const dataflowKey of ['elsewhere', 'loose', 'missing']) {
      const refused = await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'ask', name: 'Ask', dataflowKey }).expect(400);
      expect(refused.body.issues).toEqual([{ path: ['dataflowKey'], message: 'Choose a dataflow of this component' }]);
    }
    const form = (await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'ask', name: 'Ask' }).expect(201)).body;
    const patch = await request(server()).patch(`/api/forms/${form.id}`).set(auth).send({ dataflowKey: 'elsewhere' }).expect(400);
    expect(patch.body.issues[0].path).toEqual(['dataflowKey']);

    const bad = await request(server())
      .post('/api/components/weather/forms')
      .set(auth)
      .send({
        key: 'bad',
        name: 'Bad',
        fields: [
          { name: 'a', label: 'A', type: 'select' },
          { name: 'a', label: 'A again', type: 'text', pattern: '(' },
          { name: 'b', label: 'B', type: 'text', binding: '__proto__.polluted' },
        ],
        access: { roles: ['user'], userIds: ['0190d6a0-0000-7000-8000-00000000dead'] },
      })
      .expect(400);
    expect(bad.body.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([
      ['fields', 0, 'options'],
      ['fields', 1, 'name'],
      ['fields', 1, 'pattern'],
      ['fields', 2, 'binding'],
      ['access', 'userIds', 0],
    ]);
    const schema = await request(server()).post('/api/components/weather/forms').set(auth).send({ key: 'x', name: 'X', fields: [{ name: 'a', type: 'text' }] }).expect(400);
    expect(schema.body.issues[0].path).toEqual(['fields', 0, 'label']);
    expect(await subject.prisma.form.count()).toBe(1);
  });

  it('shows end users only the forms granted to them, by role or by user, and 404 for the rest', async () => {
    const [alice, bob] = [await createUser(subject.prisma), await createUser(subject.prisma)];
    const create = async (key: string, access: unknown) =>
      (await request(server()).post('/api/components/weather/forms').set(auth).send({ key, name: key, fields, access }).expect(201)).body as Form;
    const everyone = await create('everyone', { roles: ['user'], userIds: [] });
    const onlyAlice = await create('only-alice', { roles: [], userIds: [alice.id] });
    const adminsOnly = await create('admins', { roles: ['admin'], userIds: [] });

    const aliceSession = asSession(await signIn(server(), alice.email));
    const bobToken = { authorization: `Bearer ${await createApiToken(subject.prisma, bob.id)}` };
    const aliceForms = UserFormList.parse((await request(server()).get('/api/my/forms').set(aliceSession).expect(200)).body);
    expect(aliceForms.items.map((form) => form.key).sort()).toEqual(['everyone', 'only-alice']);
    const opened = UserForm.parse((await request(server()).get(`/api/my/forms/${onlyAlice.id}`).set(aliceSession).expect(200)).body);
    expect(opened).toEqual({ id: onlyAlice.id, key: 'only-alice', name: 'only-alice', description: '', fields: onlyAlice.fields, componentName: 'Weather' });
    expect(Object.keys((await request(server()).get(`/api/my/forms/${everyone.id}`).set(aliceSession).expect(200)).body)).not.toContain('access');

    const bobForms = (await request(server()).get('/api/my/forms').set(bobToken).expect(200)).body;
    expect(bobForms.items.map((form: UserForm) => form.key)).toEqual(['everyone']);
    for (const id of [onlyAlice.id, adminsOnly.id]) {
      const hidden = await request(server()).get(`/api/my/forms/${id}`).set(bobToken).expect(404);
      expect(hidden.body.message).toBe('No such form.');
      await request(server()).post(`/api/my/forms/${id}/submissions`).set(bobToken).send({ values: { city: 'Oslo' }, idempotencyKey: 'bob-00001' }).expect(404);
    }
    expect(await subject.prisma.run.count()).toBe(0);

    const adminForms = (await request(server()).get('/api/my/forms').set(auth).expect(200)).body;
    expect(adminForms.items.map((form: UserForm) => form.key)).toEqual(['admins']);
    await request(server()).get(`/api/my/forms/${everyone.id}`).expect(401);
    await request(server()).get('/api/components/weather/forms').set(bobToken).expect(403);
  });
});
