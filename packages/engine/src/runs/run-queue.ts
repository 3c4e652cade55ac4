import type { Prisma, PrismaClient } from '@conflux/db';

export const RUN_TASK = 'conflux.run-dataflow';

/**
 * Queues a run on graphile-worker with plain SQL, so it can share a transaction with the
 * creation of the Run row: a run is never created without its job, nor a job without its run.
 * The job key makes re-queueing (recovery) replace a waiting job instead of adding a second.
 */
export function enqueueRun(db: PrismaClient | Prisma.TransactionClient, runId: string) {
  return (db as PrismaClient).$executeRaw`
    select graphile_worker.add_job(${RUN_TASK}, json_build_object('runId', ${runId}::text), job_key := ${`run:${runId}`}, max_attempts := 5)`;
}
