import { Injectable } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';
import { InjectPrisma } from '../database/database.module';

const WINDOW_MS = 15 * 60_000;
/** Failed sign-ins allowed per account, and per client address, within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

/**
 * Throttles password guessing per account and per address. Attempts live in Postgres, so
 * every API process enforces the same budget.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  async retryAfterSeconds(email: string, ip: string): Promise<number> {
    const since = new Date(Date.now() - WINDOW_MS);
    const lastSuccess = await this.prisma.loginAttempt.findFirst({
      where: { email, succeeded: true, createdAt: { gte: since } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    const accountSince = lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since;
    const [accountFailures, addressFailures] = await Promise.all([
      this.prisma.loginAttempt.findMany({
        where: { email, succeeded: false, createdAt: { gt: accountSince } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      }),
      this.prisma.loginAttempt.findMany({
        where: { ip, succeeded: false, createdAt: { gt: since } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      }),
    ]);
    // Blocked until the oldest failure that counts leaves the window.
    const waits = [
      accountFailures.length >= MAX_FAILURES_PER_ACCOUNT ? accountFailures.at(-MAX_FAILURES_PER_ACCOUNT)!.createdAt : null,
      addressFailures.length >= MAX_FAILURES_PER_ADDRESS ? addressFailures.at(-MAX_FAILURES_PER_ADDRESS)!.createdAt : null,
    ]
      .filter((at): at is Date => at !== null)
      .map((at) => Math.ceil((at.getTime() + WINDOW_MS - Date.now()) / 1000));
    return Math.max(0, ...waits);
  }

  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    await this.prisma.loginAttempt.create({ data: { email, ip, succeeded } });
    // Keep the table small: attempts older than the window no longer count.
    if (Math.random() < 0.05) {
      await this.prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - WINDOW_MS) } } });
    }
  }
}
