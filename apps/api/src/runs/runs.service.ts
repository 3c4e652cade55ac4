import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import { z } from 'zod';
import type { RunEvent, RunList, RunListQuery, RunSummary, RunView, StartRunRequest, StepRunView } from '@conflux/contracts';
import { enqueueRun } from '@conflux/engine';
import { InjectPrisma } from '../database/database.module';
import { keysetPage, keysetWhere } from '../common/pagination';
import { InjectSettings } from '../config/settings.module';
import type { Settings } from '../config/settings';
import { InvalidRequestException } from '../common/error-filter';
import type { Principal } from '../auth/principal';
import { DataflowsService } from '../dataflows/dataflows.service';
import { RunEventsService } from './run-events.service';

type RunRow = Prisma.RunGetPayload<{ include: { dataflow: { select: { key: true; name: true } }; dataflowVersion: { select: { version: true } } } }>;
type StepRow = Prisma.StepRunGetPayload<object>;
const withNames = { dataflow: { select: { key: true, name: true } }, dataflowVersion: { select: { version: true } } } as const;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** The input checked against the version's JSON Schema (when it has one); issues under `input`. */
function checkInput(inputSchema: unknown, input: unknown) {
  if (!inputSchema) return [];
  const result = z.fromJSONSchema(inputSchema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: ['input', ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')],
    message: issue.message,
  }));
}

export function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    dataflowKey: row.dataflow.key,
    dataflowName: row.dataflow.name,
    version: row.dataflowVersion.version,
    trigger: row.trigger,
    status: row.status,
    error: (row.error as RunSummary['error']) ?? null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  };
}

export function toStepView(row: StepRow): StepRunView {
  return {
    stepId: row.stepId,
    stepName: row.stepName,
    stepType: row.stepType,
    status: row.status,
    attempts: row.attempts,
    modelBefore: row.modelBefore ?? null,
    modelAfter: row.modelAfter ?? null,
    request: row.request ?? null,
    response: row.response ?? null,
    error: row.error ?? null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
  };
}

@Injectable()
export class RunsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @InjectSettings() private readonly settings: Settings,
    private readonly dataflows: DataflowsService,
    private readonly events: RunEventsService,
  ) {}

  /**
   * Creates the run and its queue job in one transaction. With an idempotency key, a
   * repeated request returns the run the first one started.
   */
  async start(
    key: string,
    request: StartRunRequest & { version: 'published' | 'draft' | number },
    principal: Principal,
    trigger: 'api' | 'editor' | 'form',
    formId?: string,
  ): Promise<{ run: RunView; created: boolean }> {
    const dataflow = await this.dataflows.rowOrThrow(key);
    const versions = [...dataflow.versions].sort((a, b) => b.version - a.version);
    const version =
      request.version === 'draft'
        ? versions.find((candidate) => candidate.status === 'draft')
        : request.version === 'published'
          ? versions.find((candidate) => candidate.status === 'published')
          : versions.find((candidate) => candidate.version === request.version);
    if (!version) {
      const message = request.version === 'published' ? 'The dataflow has no published version yet: publish it, or run the draft as a test.' : `No ${request.version} version.`;
      throw new InvalidRequestException([{ path: ['version'], message }]);
    }
    const inputIssues = checkInput(version.inputSchema, request.input ?? {});
    if (inputIssues.length) throw new InvalidRequestException(inputIssues, 'The input does not match the dataflow\'s input schema');
    if (request.idempotencyKey) {
      const existing = await this.prisma.run.findUnique({ where: { dataflowId_idempotencyKey: { dataflowId: dataflow.id, idempotencyKey: request.idempotencyKey } } });
      if (existing) return { run: await this.get(existing.id, principal), created: false };
    }
    try {
      const run = await this.prisma.$transaction(async (tx) => {
        const created = await tx.run.create({
          data: {
            dataflowId: dataflow.id,
            dataflowVersionId: version.id,
            trigger: request.version === 'draft' ? 'editor' : trigger,
            input: (request.input ?? {}) as Prisma.InputJsonObject,
            requestedById: principal.user.id,
            formId,
            idempotencyKey: request.idempotencyKey,
            deadlineAt: new Date(Date.now() + this.settings.runs.timeoutMs),
          },
        });
        await enqueueRun(tx, created.id);
        return created;
      });
      return { run: await this.get(run.id, principal), created: true };
    } catch (error) {
      // Two identical requests at the same moment: the second one returns the first one's run.
      if (request.idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await this.prisma.run.findUniqueOrThrow({
          where: { dataflowId_idempotencyKey: { dataflowId: dataflow.id, idempotencyKey: request.idempotencyKey } },
        });
        return { run: await this.get(existing.id, principal), created: false };
      }
      throw error;
    }
  }

  /** Resolves when the run is over or `seconds` have passed, whichever comes first. */
  async waitForEnd(runId: string, seconds: number, principal: Principal): Promise<RunView> {
    const deadline = Date.now() + seconds * 1000;
    const changes = this.changeSignal();
    const unsubscribe = await this.events.subscribe(runId, changes.notify);
    try {
      for (;;) {
        changes.reset();
        // Only the status until the end: the whole run (steps, models) is read once.
        const state = await this.prisma.run.findUnique({ where: { id: runId }, select: { status: true } });
        if (!state || TERMINAL.has(state.status) || Date.now() >= deadline) return this.get(runId, principal);
        await changes.next(Math.min(deadline - Date.now(), 5_000));
      }
    } finally {
      unsubscribe();
    }
  }

  /**
   * A notification may arrive while the state is being read; it is remembered, so the next
   * wait returns at once instead of sleeping through it.
   */
  private changeSignal() {
    let pending = false;
    let wake: (() => void) | undefined;
    return {
      notify: () => {
        pending = true;
        wake?.();
      },
      reset: () => {
        pending = false;
      },
      next: (timeoutMs: number, signal?: AbortSignal) =>
        new Promise<void>((resolve) => {
          if (pending || signal?.aborted) return resolve();
          const timer = setTimeout(done, timeoutMs);
          function done() {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
          signal?.addEventListener('abort', done, { once: true });
        }),
    };
  }

  async get(id: string, principal: Principal): Promise<RunView> {
    const row = await this.prisma.run.findUnique({
      where: { id },
      include: { dataflow: withNames.dataflow, dataflowVersion: { select: { version: true, steps: true } }, stepRuns: true },
    });
    if (!row || !this.mayView(row, principal)) throw new NotFoundException('No such run.');
    // Steps in the dataflow's order (pure steps are recorded in batches, so time order may differ).
    const order = new Map((row.dataflowVersion.steps as Array<{ id: string }>).map((step, index) => [step.id, index]));
    row.stepRuns.sort((a, b) => (order.get(a.stepId) ?? Infinity) - (order.get(b.stepId) ?? Infinity));
    return {
      ...toRunSummary(row),
      input: row.input,
      output: row.output ?? null,
      deadlineAt: row.deadlineAt.toISOString(),
      steps: row.stepRuns.map(toStepView),
    };
  }

  async list(query: RunListQuery, principal: Principal): Promise<RunList> {
    const where: Prisma.RunWhereInput = {
      ...(principal.user.role === 'admin' ? {} : { requestedById: principal.user.id }),
      ...(query.dataflow ? { dataflow: { key: query.dataflow } } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.trigger ? { trigger: query.trigger } : {}),
      ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lte: new Date(query.to) } : {}) } } : {}),
    };
    // Newest first; ids are UUIDv7, so "before this id" is "older than this run".
    const rows = await this.prisma.run.findMany({
      where: keysetWhere(where, query.cursor, 'desc'),
      orderBy: { id: 'desc' },
      take: query.limit + 1,
      include: withNames,
    });
    return keysetPage(rows, query.limit, toRunSummary);
  }

  async cancel(id: string, principal: Principal): Promise<RunView> {
    const run = await this.get(id, principal);
    if (principal.user.role !== 'admin') throw new ForbiddenException('You do not have access to this.');
    if (TERMINAL.has(run.status)) return run;
    // A queued run is cancelled at once; a running one when its worker next looks (within seconds).
    await this.prisma.$transaction([
      this.prisma.run.update({ where: { id }, data: { cancelRequested: true } }),
      this.prisma.run.updateMany({
        where: { id, status: 'queued' },
        data: { status: 'cancelled', finishedAt: new Date(), error: { message: 'The run was cancelled.' } },
      }),
      this.prisma.$executeRaw`select pg_notify('conflux_run_events', ${id})`,
    ]);
    return this.get(id, principal);
  }

  /**
   * The run's events: first its current state, then every change, until it ends.
   * Steps are sent again only when they changed.
   */
  async *stream(id: string, principal: Principal, signal: AbortSignal): AsyncGenerator<RunEvent> {
    const changes = this.changeSignal();
    const unsubscribe = await this.events.subscribe(id, changes.notify);
    const sent = new Map<string, string>();
    let lastRun = '';
    try {
      while (!signal.aborted) {
        changes.reset();
        const run = await this.get(id, principal);
        for (const step of run.steps) {
          const version = `${step.status}:${step.attempts}:${step.finishedAt}`;
          if (sent.get(step.stepId) !== version) {
            sent.set(step.stepId, version);
            yield { type: 'step', step };
          }
        }
        const { input: _input, output: _output, steps: _steps, deadlineAt: _deadline, ...summary } = run;
        const runVersion = `${summary.status}:${summary.finishedAt}`;
        if (runVersion !== lastRun) {
          lastRun = runVersion;
          yield { type: 'run', run: summary };
        }
        if (TERMINAL.has(run.status)) return;
        // Re-read now and then even without a notification (a lost LISTEN connection).
        await changes.next(15_000, signal);
      }
    } finally {
      unsubscribe();
    }
  }

  private mayView(row: { requestedById: string | null }, principal: Principal): boolean {
    return principal.user.role === 'admin' || row.requestedById === principal.user.id;
  }
}
