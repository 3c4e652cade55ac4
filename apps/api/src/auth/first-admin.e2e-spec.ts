import pino from 'pino';
import { createPrismaClient } from '@conflux/db';
import { truncateAll } from '@conflux/db/testing';
import { loadSettings } from '../config/settings';
import { ensureFirstAdmin } from './first-admin';
import { verifyPassword } from './secrets';

describe('first admin', () => {
  const prisma = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 2 });
  beforeEach(() => truncateAll(prisma));
  afterAll(() => prisma.$disconnect());

  it('creates the admin from CONFLUX_ADMIN_EMAIL and CONFLUX_ADMIN_PASSWORD once', async () => {
    const settings = loadSettings({ CONFLUX_ADMIN_EMAIL: 'Boss@Example.test', CONFLUX_ADMIN_PASSWORD: 'a very long password' });
    await ensureFirstAdmin(prisma, settings, pino({ level: 'silent' }));
    await ensureFirstAdmin(prisma, settings, pino({ level: 'silent' }));
    const admins = await prisma.user.findMany({ where: { role: 'admin' } });
    expect(admins).toHaveLength(1);
    expect(admins[0]!.email).toBe('boss@example.test');
    expect(await verifyPassword(admins[0]!.passwordHash, 'a very long password')).toBe(true);
  });

  it('otherwise generates a one-time password and logs it once, never a fixed default', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await ensureFirstAdmin(prisma, loadSettings({}), log);
    const first = JSON.parse(lines.find((line) => line.includes('one-time password'))!);
    expect(first.email).toBe('admin@conflux.local');
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@conflux.local' } });
    expect(await verifyPassword(admin.passwordHash, first.password)).toBe(true);

    await truncateAll(prisma);
    const again: string[] = [];
    await ensureFirstAdmin(prisma, loadSettings({}), pino({ level: 'info' }, { write: (line: string) => again.push(line) }));
    expect(JSON.parse(again[0]!).password).not.toBe(first.password);
  });
});
