import type { PrismaClient } from '@conflux/db';
import type { RateLimitHit, RateLimitStore } from './rate-limiter';

/**
 * The rate-limit store every worker shares: one row per key and window in
 * "RateLimitWindow", counted by a single atomic upsert. Windows are computed from the
 * database clock, so workers on machines with skewed clocks still agree on them.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly prisma: PrismaClient) {}

  async hit(key: string, intervalMs: number): Promise<RateLimitHit> {
    // The same statement deletes the key's expired windows: cleanup costs no extra round
    // trip, and the primary key (key, windowStart) makes the range delete an index scan.
    const rows = await this.prisma.$queryRaw<Array<{ count: number; windowStartMs: number; nowMs: number }>>`
      WITH clock AS (
        SELECT statement_timestamp() AS "now"
      ), current_window AS (
        -- date_bin works in whole microseconds, so window starts are exact and compare exactly.
        SELECT date_bin(${intervalMs}::bigint * interval '1 millisecond', "now", timestamptz 'epoch') AS "windowStart" FROM clock
      ), expired AS (
        DELETE FROM "RateLimitWindow"
        WHERE "key" = ${key} AND "windowStart" < (SELECT "windowStart" FROM current_window)
      )
      INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
      SELECT ${key}, "windowStart", 1 FROM current_window
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      RETURNING "count",
        (extract(epoch FROM "windowStart") * 1000)::float8 AS "windowStartMs",
        (SELECT (extract(epoch FROM "now") * 1000)::float8 FROM clock) AS "nowMs"`;
    const row = rows[0];
    if (!row) throw new Error('rate-limit upsert returned no row');
    const windowStartMs = Number(row.windowStartMs);
    return { count: Number(row.count), resetInMs: Math.max(0, windowStartMs + intervalMs - Number(row.nowMs)) };
  }

  /** Deletes the windows of every key that started before `before`, e.g. from a periodic job. */
  async deleteWindowsBefore(before: Date): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowStart" < ${before}`;
  }
}
