import type { TaskList } from 'graphile-worker';
import type { PrismaClient } from '@conflux/db';
import { processRun, RUN_TASK, type EngineServices } from '@conflux/engine';

export interface TaskDependencies {
  prisma: PrismaClient;
  services: EngineServices;
  workerId: string;
  leaseMs: number;
}

/**
 * The tasks a worker executes, by name. `conflux.run-dataflow` executes one run;
 * `conflux.ping` lets operators and tests check that a worker takes jobs from the queue.
 */
export function createTaskList({ prisma, services, workerId, leaseMs }: TaskDependencies): TaskList {
  return {
    [RUN_TASK]: async (payload, helpers) => {
      const { runId } = payload as { runId: string };
      // The lease is renewed five times per lease period, so one slow write never loses it.
      const outcome = await processRun(runId, { prisma, services, workerId, leaseMs, heartbeatMs: leaseMs / 5 });
      helpers.logger.debug(`run ${runId}: ${typeof outcome === 'string' ? outcome : outcome.status}`);
    },
    'conflux.ping': async (payload, helpers) => {
      helpers.logger.info(`ping ${JSON.stringify(payload)}`);
    },
  };
}
