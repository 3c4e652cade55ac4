import request from 'supertest';
import { SessionResponse } from '@conflux/contracts';
import { truncateAll } from '@conflux/db/testing';
import { startTestApp, type TestApp } from '../../test/test-app';
import { PASSWORD, asSession, createApiToken, createUser, signIn } from '../../test/fixtures';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './login-throttle.service';

describe('sign-in, sessions and API tokens', () => {
  let subject: TestApp;
  const server = () => subject.app.getHttpServer();
  // Each test signs in from its own address, so per-address throttling never spills over.
  let address = 0;
  const from = () => `203.0.113.${++address}`;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  beforeEach(() => truncateAll(subject.prisma));
  afterAll(() => subject.close());

  it('signs in with an httpOnly SameSite session cookie and answers the session', async () => {
    const user = await createUser(subject.prisma);
    const response = await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send({ email: user.email.toUpperCase(), password: PASSWORD }).expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/^conflux_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = SessionResponse.parse(response.body);
    expect(body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'user' });

    const session = await request(server()).get('/api/auth/session').set('cookie', cookie.split(';')[0]!).expect(200);
    expect(session.body.user.id).toBe(user.id);
    expect(JSON.stringify(session.body)).not.toMatch(/passwordHash|tokenHash|\$argon2/);
  });

  it('answers a wrong password, an unknown email and a deactivated account with the same 401', async () => {
    const active = await createUser(subject.prisma);
    const inactive = await createUser(subject.prisma, { active: false });
    const attempts = [
      { email: active.email, password: 'not the password' },
      { email: 'nobody@example.test', password: PASSWORD },
      { email: inactive.email, password: PASSWORD },
    ];
    const bodies = [];
    for (const attempt of attempts) {
      const response = await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send(attempt).expect(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      bodies.push(response.body);
    }
    expect(bodies[0]).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect.' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('names the invalid fields of a malformed sign-in', async () => {
    const response = await request(server()).post('/api/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
    expect(response.body.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual(['email', 'password']);
  });

  it('throttles an account after repeated failures, even with the right password, and says when to retry', async () => {
    const user = await createUser(subject.prisma);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: 'wrong' }).expect(401);
    }
    const blocked = await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: PASSWORD }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.message).toMatch(/Too many sign-in attempts/);
  });

  it('throttles an address that tries many accounts', async () => {
    const ip = from();
    const user = await createUser(subject.prisma);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await request(server()).post('/api/auth/login').set('x-forwarded-for', ip).send({ email: `guess${i}@example.test`, password: 'x' }).expect(401);
    }
    await request(server()).post('/api/auth/login').set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD }).expect(429);
    await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: PASSWORD }).expect(200);
  });

  it('refuses expired sessions, sessions of deactivated users, and signed-out sessions', async () => {
    const user = await createUser(subject.prisma);
    const admin = await createUser(subject.prisma, { role: 'admin' });
    const expired = await signIn(server(), user.email);
    await subject.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await request(server()).get('/api/auth/session').set('cookie', expired.cookie).expect(401);

    const live = await signIn(server(), user.email);
    const adminSession = await signIn(server(), admin.email);
    await request(server()).patch(`/api/users/${user.id}`).set(asSession(adminSession)).send({ active: false }).expect(200);
    await request(server()).get('/api/auth/session').set('cookie', live.cookie).expect(401);

    const before = await request(server()).get('/api/auth/session').set('cookie', adminSession.cookie).expect(200);
    expect(before.body.user.role).toBe('admin');
    const out = await request(server()).post('/api/auth/logout').set(asSession(adminSession)).expect(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/conflux_session=;/);
    await request(server()).get('/api/auth/session').set('cookie', adminSession.cookie).expect(401);
  });

  it('authenticates API tokens until they are revoked or their user is deactivated', async () => {
    const admin = await createUser(subject.prisma, { role: 'admin' });
    const session = await signIn(server(), admin.email);
    const created = await request(server()).post('/api/api-tokens').set(asSession(session)).send({ name: 'CI' }).expect(201);
    const { token, apiToken } = created.body;
    expect(token).toMatch(/^cfx_/);

    await request(server()).get('/api/users').set('authorization', `Bearer ${token}`).expect(200);
    const listed = await request(server()).get('/api/api-tokens').set('authorization', `Bearer ${token}`).expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toMatch(/tokenHash/);

    await request(server()).delete(`/api/api-tokens/${apiToken.id}`).set(asSession(session)).expect(204);
    const revoked = await request(server()).get('/api/users').set('authorization', `Bearer ${token}`).expect(401);
    expect(revoked.body.message).toBe('The API token is invalid or revoked.');
    await request(server()).get('/api/users').set('authorization', 'Bearer cfx_made-up').expect(401);
    await request(server()).get('/api/users').set('authorization', 'Basic abc').expect(401);

    const other = await createApiToken(subject.prisma, admin.id);
    await subject.prisma.user.update({ where: { id: admin.id }, data: { active: false } });
    await request(server()).get('/api/health').set('authorization', `Bearer ${other}`).expect(401);
  });

  it('changes a password only with the current one, and signs other browsers out', async () => {
    const user = await createUser(subject.prisma);
    const here = await signIn(server(), user.email);
    const elsewhere = await signIn(server(), user.email);
    const wrong = await request(server()).post('/api/auth/password').set(asSession(here)).send({ currentPassword: 'nope', newPassword: 'a brand new password' }).expect(400);
    expect(wrong.body.issues).toEqual([{ path: ['currentPassword'], message: 'The current password is not correct' }]);
    const short = await request(server()).post('/api/auth/password').set(asSession(here)).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    expect(short.body.issues[0].path).toEqual(['newPassword']);

    await request(server()).post('/api/auth/password').set(asSession(here)).send({ currentPassword: PASSWORD, newPassword: 'a brand new password' }).expect(204);
    await request(server()).get('/api/auth/session').set('cookie', here.cookie).expect(200);
    await request(server()).get('/api/auth/session').set('cookie', elsewhere.cookie).expect(401);
    await request(server()).post('/api/auth/login').set('x-forwarded-for', from()).send({ email: user.email, password: PASSWORD }).expect(401);
    await signIn(server(), user.email, 'a brand new password');
  });
});
