import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import { z } from 'zod';
import { SubmissionList, formValuesSchema, type PageQuery, type Step, type Submission, type SubmitFormRequest, type UserForm } from '@conflux/contracts';
import type { JsonValue, Model } from '@conflux/engine';
import { InjectPrisma } from '../database/database.module';
import { InvalidRequestException } from '../common/error-filter';
import { keysetPage, keysetWhere } from '../common/pagination';
import type { Principal } from '../auth/principal';
import { RunsService } from '../runs/runs.service';
import { renderView } from '../components/display';
import { issuesAt } from '../components/issues';
import { accessOf, bindingOf, fieldsOf } from '../forms/forms.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

const withDetails = {
  form: { select: { name: true } },
  dataflow: { select: { component: { select: { displayFunction: true } } } },
  dataflowVersion: { select: { steps: true } },
  stepRuns: { select: { stepId: true, stepName: true, status: true }, orderBy: { startedAt: 'asc' } },
} as const satisfies Prisma.RunInclude;
type SubmissionRow = Prisma.RunGetPayload<{ include: typeof withDetails }>;

type FormRow = Prisma.FormGetPayload<{ include: { component: { select: { name: true } } } }>;

/** Addresses in an error message keep their origin and path, never their query (an API key may be there). */
function inWords(message: string): string {
  return message.replace(/(https?:\/\/[^\s?#"'<>]+)[?#][^\s"'<>]*/g, '$1').slice(0, 2_000);
}

/** Sets a dot path (validated when the form was saved) in the Input model. */
function setBinding(model: Model, path: string, value: JsonValue): void {
  const parts = path.split('.');
  let target: Record<string, JsonValue> = model;
  for (const part of parts.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(target, part) ? target[part] : undefined;
    if (next === null || next === undefined || typeof next !== 'object' || Array.isArray(next)) target[part] = {};
    target = target[part] as Record<string, JsonValue>;
  }
  target[parts.at(-1)!] = value;
}

/**
 * The end-user side: the forms granted to the caller, their submissions (runs started by a
 * form), and each submission's progress, failure in words and displayed result. Nothing
 * here shows a run's models, requests or responses.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly runs: RunsService,
  ) {}

  async myForms(principal: Principal): Promise<{ items: UserForm[] }> {
    const rows = await this.prisma.form.findMany({ orderBy: { name: 'asc' }, include: { component: { select: { name: true } } } });
    return { items: rows.filter((row) => this.granted(row, principal)).map((row) => this.toUserForm(row)) };
  }

  async myForm(id: string, principal: Principal): Promise<UserForm> {
    return this.toUserForm(await this.grantedForm(id, principal));
  }

  /**
   * Validates the values, maps them into the Input model by each field's binding and starts
   * the form's dataflow (its published version). The idempotency key makes a double submit
   * return the run the first one started.
   */
  async submit(id: string, request: SubmitFormRequest, principal: Principal): Promise<{ submission: Submission; created: boolean }> {
    const form = await this.grantedForm(id, principal);
    const fields = fieldsOf(form);
    const values = formValuesSchema(fields).safeParse(request.values);
    if (!values.success) throw new InvalidRequestException(issuesAt('values', values.error.issues, 'This form has no such field'), 'Check the values of the form');
    if (!form.dataflowId) throw new ConflictException('This form is not connected to a dataflow yet. Ask an administrator to choose one.');
    const dataflow = await this.prisma.dataflow.findUnique({ where: { id: form.dataflowId }, include: { versions: { where: { status: 'published' }, select: { id: true } } } });
    if (!dataflow || dataflow.versions.length === 0) {
      throw new ConflictException('The dataflow of this form has not been published yet, so the form cannot be submitted. Ask an administrator to publish it.');
    }
    const input: Model = {};
    for (const field of fields) {
      const value = (values.data as Record<string, JsonValue | undefined>)[field.name];
      if (value !== undefined) setBinding(input, bindingOf(field), value);
    }
    const { run, created } = await this.runs.start(
      dataflow.key,
      // Scoped to the form and the user: one user's key never collides with another's.
      { input, version: 'published', idempotencyKey: `form:${form.id}:${principal.user.id}:${request.idempotencyKey}` },
      principal,
      'form',
      form.id,
    );
    return { submission: await this.get(run.id, principal), created };
  }

  async waitForEnd(runId: string, seconds: number, principal: Principal): Promise<Submission> {
    await this.runs.waitForEnd(runId, seconds, principal);
    return this.get(runId, principal);
  }

  /** The caller's own submissions, newest first (keyset pagination by id). */
  async list(query: PageQuery, principal: Principal): Promise<z.infer<typeof SubmissionList>> {
    const where: Prisma.RunWhereInput = { requestedById: principal.user.id, trigger: 'form' };
    const cursor = query.cursor && UUID.test(query.cursor) ? query.cursor : undefined;
    const rows = await this.prisma.run.findMany({ where: keysetWhere(where, cursor, 'desc'), orderBy: { id: 'desc' }, take: query.limit + 1, include: withDetails });
    const page = keysetPage(rows, query.limit, (row) => this.toSubmission(row));
    return { items: await Promise.all(page.items), nextCursor: page.nextCursor };
  }

  /** 404 for a run that is not the caller's own form submission. */
  async get(runId: string, principal: Principal): Promise<Submission> {
    const row = UUID.test(runId)
      ? await this.prisma.run.findFirst({ where: { id: runId, requestedById: principal.user.id, trigger: 'form' }, include: withDetails })
      : null;
    if (!row) throw new NotFoundException('No such submission.');
    return this.toSubmission(row);
  }

  /** The submission as it changes, until it ends (driven by the run's events). */
  async *stream(runId: string, principal: Principal, signal: AbortSignal): AsyncGenerator<Submission> {
    let last = '';
    const changed = async () => {
      const submission = await this.get(runId, principal);
      const text = JSON.stringify(submission);
      if (text === last) return undefined;
      last = text;
      return submission;
    };
    const first = await changed();
    if (first) yield first;
    if (TERMINAL.has(first!.status)) return;
    for await (const _event of this.runs.stream(runId, principal, signal)) {
      const submission = await changed();
      if (submission) yield submission;
    }
    const final = await changed();
    if (final) yield final;
  }

  private async toSubmission(row: SubmissionRow): Promise<Submission> {
    const ran = new Map(row.stepRuns.map((step) => [step.stepId, step]));
    const definition = Array.isArray(row.dataflowVersion.steps) ? (row.dataflowVersion.steps as unknown as Step[]) : [];
    const over = TERMINAL.has(row.status);
    const steps = definition.map((step) => ({ name: ran.get(step.id)?.stepName ?? step.name, status: ran.get(step.id)?.status ?? (over ? 'skipped' : 'pending') }));
    const error = row.error as { message?: string; stepName?: string } | null;
    const failure =
      row.status === 'failed' || row.status === 'cancelled'
        ? { stepName: error?.stepName ?? null, message: inWords(error?.message ?? (row.status === 'cancelled' ? 'The run was cancelled.' : 'The run failed.')) }
        : null;
    const view = row.status === 'succeeded' ? (await renderView(row.dataflow.component?.displayFunction ?? null, row.output ?? null)).view : null;
    return {
      runId: row.id,
      formId: row.formId,
      formName: row.form?.name ?? null,
      status: row.status,
      steps,
      failure,
      view,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  private granted(row: { access: unknown }, principal: Principal): boolean {
    const access = accessOf(row);
    return access.roles.includes(principal.user.role) || access.userIds.includes(principal.user.id);
  }

  /** 404, not 403, for a form the caller may not use: whether it exists is not theirs to know. */
  private async grantedForm(id: string, principal: Principal): Promise<FormRow> {
    const row = UUID.test(id) ? await this.prisma.form.findUnique({ where: { id }, include: { component: { select: { name: true } } } }) : null;
    if (!row || !this.granted(row, principal)) throw new NotFoundException('No such form.');
    return row;
  }

  private toUserForm(row: FormRow): UserForm {
    return { id: row.id, key: row.key, name: row.name, description: row.description, fields: fieldsOf(row), componentName: row.component.name };
  }
}
