import { DataflowVersion, type Step } from '@conflux/contracts';
import type { PrismaClient } from '@conflux/db';
import type { Model } from '../model';
import type { EngineServices } from '../steps';
import { executeRun, RunCancelled, RunDeadlineExceeded, type RunOutcome } from './run-executor';
import { notify, PrismaRunStore, relaxedCommit, RUN_EVENTS_CHANNEL } from './prisma-run-store';
import { enqueueRun } from './run-queue';

export interface RunJobOptions {
  prisma: PrismaClient;
  services: EngineServices;
  /** Names this worker in the run's lease. */
  workerId: string;
  /** How often the lease is renewed and the cancel flag read. */
  heartbeatMs?: number;
  /** A lease not renewed for this long belongs to a dead worker and may be taken over. */
  leaseMs?: number;
}

/**
 * Executes one queued run, as the graphile-worker task does: take the run's lease (unless
 * a live worker holds it or the run is over), renew it while working, watch for a cancel
 * request and the deadline, execute the steps (resuming after those already done) and
 * record the outcome.
 */
export async function processRun(runId: string, options: RunJobOptions): Promise<RunOutcome | 'not-claimed'> {
  const { prisma, workerId } = options;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 15_000;

  // Claim and announce in one statement. A claim lost to a Postgres crash is simply made
  // again, so it need not wait for the disk flush.
  const [, claimed] = await prisma.$transaction([
    relaxedCommit(prisma),
    prisma.$queryRaw<Array<{ id: string }>>`
    with claimed as (
      update "Run" set status = 'running', "leaseOwner" = ${workerId}, "heartbeatAt" = now(),
        "startedAt" = coalesce("startedAt", now())
      where id = ${runId}::uuid
        and (status = 'queued' or (status = 'running' and ("leaseOwner" = ${workerId} or "heartbeatAt" is null
             or "heartbeatAt" < now() - make_interval(secs => ${leaseMs / 1000}))))
      returning id)
    -- pg_notify returns void, which the driver cannot read: keep it out of the result row.
    select id::text from claimed where pg_notify(${RUN_EVENTS_CHANNEL}, id::text) is not null`,
  ]);
  if (claimed.length === 0) return 'not-claimed';

  const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { dataflowVersion: true } });
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new RunDeadlineExceeded()), Math.max(0, run.deadlineAt.getTime() - Date.now()));
  const heartbeat = setInterval(() => {
    void prisma.run
      .update({ where: { id: runId }, data: { heartbeatAt: new Date() }, select: { cancelRequested: true } })
      .then((state) => {
        if (state.cancelRequested) controller.abort(new RunCancelled());
      })
      .catch(() => undefined);
  }, heartbeatMs);
  if (run.cancelRequested) controller.abort(new RunCancelled());

  try {
    const steps = DataflowVersion.shape.steps.parse(run.dataflowVersion.steps) as Step[];
    // executeRun records the outcome with the last steps, in one transaction.
    return await executeRun({ runId, steps, input: run.input as Model }, new PrismaRunStore(prisma), options.services, controller.signal);
  } finally {
    clearTimeout(deadline);
    clearInterval(heartbeat);
  }
}

/**
 * Hands runs whose worker died (lease not renewed) back to the queue, and fails those that
 * are past their deadline with nobody working on them. Every worker runs this periodically.
 */
export async function recoverStalledRuns(prisma: PrismaClient, leaseMs = 15_000): Promise<{ requeued: number; expired: number }> {
  const expired = await prisma.$queryRaw<Array<{ id: string }>>`
    update "Run" set status = 'failed', "finishedAt" = now(), "leaseOwner" = null,
      error = jsonb_build_object('message', 'The run passed its deadline.')
    where status in ('queued', 'running') and "deadlineAt" < now() - interval '5 seconds'
      and ("heartbeatAt" is null or "heartbeatAt" < now() - make_interval(secs => ${leaseMs / 1000}))
    returning id`;
  for (const { id } of expired) await notify(prisma, id);
  const stalled = await prisma.$queryRaw<Array<{ id: string }>>`
    select id from "Run"
    where status = 'running' and "heartbeatAt" < now() - make_interval(secs => ${leaseMs / 1000})
    limit 100`;
  // The dead worker's job is still locked; adding one with the same key queues a fresh job.
  for (const { id } of stalled) await enqueueRun(prisma, id);
  return { requeued: stalled.length, expired: expired.length };
}
