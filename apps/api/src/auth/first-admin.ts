import type { PrismaClient } from '@conflux/db';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings';
import { generatePassword, hashPassword } from './secrets';

/**
 * On a database without any admin, creates the first one: from CONFLUX_ADMIN_EMAIL and
 * CONFLUX_ADMIN_PASSWORD when given, otherwise admin@conflux.local with a generated
 * password printed once in the log. There is never a fixed default password.
 */
export async function ensureFirstAdmin(prisma: PrismaClient, settings: Settings, log: Logger): Promise<void> {
  const created = await prisma.$transaction(async (tx) => {
    // Several processes may start at once; one of them creates the admin.
    await tx.$executeRaw`select pg_advisory_xact_lock(4242018)`;
    if ((await tx.user.count({ where: { role: 'admin' } })) > 0) return null;
    const email = settings.auth.firstAdmin.email ?? 'admin@conflux.local';
    const generated = !settings.auth.firstAdmin.password;
    const password = settings.auth.firstAdmin.password ?? generatePassword();
    await tx.user.upsert({
      where: { email },
      create: { email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) },
      update: { role: 'admin', active: true, passwordHash: await hashPassword(password) },
    });
    return { email, password: generated ? password : undefined };
  });
  if (!created) return;
  if (created.password) {
    log.warn(
      { email: created.email, password: created.password },
      'First admin created with a one-time password: sign in and change it (Account page). It is not shown again.',
    );
  } else {
    log.info({ email: created.email }, 'First admin created from CONFLUX_ADMIN_EMAIL / CONFLUX_ADMIN_PASSWORD');
  }
}
