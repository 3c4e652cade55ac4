import type { Prisma, PrismaClient } from '@conflux/db';
import type { JsonValue, Model } from '../model';
import type { RecordedStep, RunFinish, RunStore, StepRecord } from './run-store';

/** Listeners (the API's server-sent events) learn of every run and step change on this channel. */
export const RUN_EVENTS_CHANNEL = 'conflux_run_events';

const json = (value: JsonValue | Model | null | undefined) =>
  value === undefined ? undefined : value === null ? (null as never) : (value as Prisma.InputJsonValue);

export class PrismaRunStore implements RunStore {
  constructor(private readonly prisma: PrismaClient) {}

  async recordedSteps(runId: string): Promise<Map<string, RecordedStep>> {
    const rows = await this.prisma.stepRun.findMany({ where: { runId } });
    return new Map(
      rows.map((row) => [
        row.stepId,
        {
          stepId: row.stepId,
          status: row.status,
          attempts: row.attempts,
          modelAfter: (row.modelAfter as Model | null) ?? null,
          output: (row.response as { output?: JsonValue } | null)?.output,
        },
      ]),
    );
  }

  /** One transaction: the step rows, the run's outcome when given, and one notification. */
  async saveSteps(runId: string, records: StepRecord[], finish?: RunFinish, options: { durable?: boolean } = {}): Promise<void> {
    if (records.length === 0 && !finish) return;
    await this.prisma.$transaction([
      // Replayable progress does not wait for the disk flush (~4 ms a commit here); it is
      // still visible to every other session at once, and survives any worker crash.
      ...(options.durable ? [] : [relaxedCommit(this.prisma)]),
      ...records.map((record) => {
        const data = {
          stepName: record.stepName,
          stepType: record.stepType,
          status: record.status,
          attempts: record.attempts,
          modelBefore: json(record.modelBefore),
          modelAfter: json(record.modelAfter),
          request: json(record.request),
          response: json(record.response),
          error: json(record.error),
          startedAt: record.startedAt,
          finishedAt: record.finishedAt ?? null,
          durationMs: record.finishedAt ? record.finishedAt.getTime() - record.startedAt.getTime() : null,
        };
        return this.prisma.stepRun.upsert({
          where: { runId_stepId: { runId, stepId: record.stepId } },
          create: { runId, stepId: record.stepId, ...data },
          update: data,
        });
      }),
      ...(finish
        ? [
            this.prisma.run.update({
              where: { id: runId },
              data: {
                status: finish.status,
                output: finish.status === 'succeeded' ? json(finish.output ?? null) : undefined,
                error: finish.status === 'succeeded' ? undefined : finish.error,
                finishedAt: new Date(),
                leaseOwner: null,
              },
            }),
          ]
        : []),
      notify(this.prisma, runId),
    ]);
  }
}

export function relaxedCommit(prisma: PrismaClient) {
  return prisma.$executeRaw`set local synchronous_commit to off`;
}

export function notify(prisma: PrismaClient | Prisma.TransactionClient, runId: string) {
  return (prisma as PrismaClient).$executeRaw`select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId})`;
}
