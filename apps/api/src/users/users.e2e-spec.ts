import request from 'supertest';
import { UserList, UserWithPassword } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { asSession, createUser, signIn, type SignedIn } from '../../test/fixtures';

describe('user administration', () => {
  let subject: TestApp;
  let admin: SignedIn;
  let adminId: string;
  const server = () => subject.app.getHttpServer();

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(async () => {
    await truncateAll(subject.prisma);
    const user = await createUser(subject.prisma, { role: 'admin', email: 'root@example.test' });
    adminId = user.id;
    admin = await signIn(server(), user.email);
  });
  afterAll(() => subject.close());

  it('creates a user with a generated one-time password that signs in, and refuses a duplicate email', async () => {
    const created = await request(server()).post('/api/users').set(asSession(admin)).send({ email: ' Ada@Example.test ', name: 'Ada' }).expect(201);
    const body = UserWithPassword.parse(created.body);
    expect(body.user).toMatchObject({ email: 'ada@example.test', name: 'Ada', role: 'user', active: true });
    expect(body.temporaryPassword).toBeDefined();
    await signIn(server(), 'ada@example.test', body.temporaryPassword);

    const withPassword = await request(server()).post('/api/users').set(asSession(admin)).send({ email: 'bob@example.test', name: 'Bob', role: 'admin', password: 'bobs long password' }).expect(201);
    expect(withPassword.body.temporaryPassword).toBeUndefined();

    const duplicate = await request(server()).post('/api/users').set(asSession(admin)).send({ email: 'ada@example.test', name: 'Ada 2' }).expect(409);
    expect(duplicate.body.message).toMatch(/already exists/);
  });

  it('names every invalid field', async () => {
    const response = await request(server()).post('/api/users').set(asSession(admin)).send({ email: 'nope', name: '', role: 'owner', password: 'short' }).expect(400);
    const paths = response.body.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort();
    expect(paths).toEqual(['email', 'name', 'password', 'role']);
    expect(await subject.prisma.user.count()).toBe(1);
    await request(server()).patch('/api/users/not-a-uuid').set(asSession(admin)).send({ name: 'x' }).expect(400);
    await request(server()).patch(`/api/users/${adminId}`).set(asSession(admin)).send({}).expect(400);
  });

  it('lists users in pages and searches by name or email', async () => {
    for (let i = 0; i < 5; i++) await createUser(subject.prisma, { email: `page${i}@example.test` });
    const first = UserList.parse((await request(server()).get('/api/users?limit=4').set(asSession(admin)).expect(200)).body);
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).not.toBeNull();
    const second = UserList.parse((await request(server()).get(`/api/users?limit=4&cursor=${first.nextCursor}`).set(asSession(admin)).expect(200)).body);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((user) => user.id)).size).toBe(6);

    const found = UserList.parse((await request(server()).get('/api/users?search=PAGE3').set(asSession(admin)).expect(200)).body);
    expect(found.items.map((user) => user.email)).toEqual(['page3@example.test']);
    await request(server()).get('/api/users?limit=0').set(asSession(admin)).expect(400);
  });

  it('changes roles, deactivates and resets passwords, but never locks an admin out of their own account', async () => {
    const user = await createUser(subject.prisma);
    const promoted = await request(server()).patch(`/api/users/${user.id}`).set(asSession(admin)).send({ role: 'admin' }).expect(200);
    expect(promoted.body.role).toBe('admin');

    const self = await request(server()).patch(`/api/users/${adminId}`).set(asSession(admin)).send({ role: 'user', active: false }).expect(400);
    expect(self.body.issues.map((issue: { path: string[] }) => issue.path[0]).sort()).toEqual(['active', 'role']);

    const theirs = await signIn(server(), user.email);
    const reset = await request(server()).post(`/api/users/${user.id}/password`).set(asSession(admin)).send({}).expect(200);
    expect(reset.body.temporaryPassword).toBeDefined();
    await request(server()).get('/api/auth/session').set('cookie', theirs.cookie).expect(401);
    await signIn(server(), user.email, reset.body.temporaryPassword);

    await request(server()).patch(`/api/users/00000000-0000-7000-8000-000000000000`).set(asSession(admin)).send({ name: 'x' }).expect(404);
  });
});
