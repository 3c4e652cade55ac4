import { Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import { FormAccess, type CreateFormRequest, type Form, type FormField, type UpdateFormRequest, type ValidationIssue } from '@conflux/contracts';
import { FormField as FormFieldSchema } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { DuplicateKeyException } from '../common/conflict';
import { InvalidRequestException } from '../common/error-filter';
import { isUniqueViolation } from '../systems/systems.service';
import { ComponentsService } from '../components/components.service';

export const withNames = { component: { select: { key: true, name: true } }, dataflow: { select: { key: true } } } as const;
export type FormRow = Prisma.FormGetPayload<{ include: typeof withNames }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A dot path of the Input model; no segment may reach an object's prototype. */
const BINDING = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export function fieldsOf(row: { fields: unknown }): FormField[] {
  const parsed = FormFieldSchema.array().safeParse(row.fields);
  return parsed.success ? parsed.data : [];
}

export function accessOf(row: { access: unknown }) {
  const parsed = FormAccess.safeParse(row.access);
  return parsed.success ? parsed.data : { roles: [], userIds: [] };
}

export function toForm(row: FormRow): Form {
  return {
    id: row.id,
    componentId: row.componentId,
    componentKey: row.component.key,
    key: row.key,
    name: row.name,
    description: row.description,
    fields: fieldsOf(row),
    dataflowKey: row.dataflow?.key ?? null,
    access: accessOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Where a field's value goes in the Input model: its binding, or its name. */
export function bindingOf(field: FormField): string {
  return field.binding.trim() || field.name;
}

@Injectable()
export class FormsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly components: ComponentsService,
  ) {}

  async list(componentKey: string): Promise<{ items: Form[] }> {
    const component = await this.components.rowOrThrow(componentKey);
    const rows = await this.prisma.form.findMany({ where: { componentId: component.id }, orderBy: { key: 'asc' }, include: withNames });
    return { items: rows.map(toForm) };
  }

  async get(id: string): Promise<Form> {
    return toForm(await this.rowOrThrow(id));
  }

  async create(componentKey: string, request: CreateFormRequest): Promise<Form> {
    const component = await this.components.rowOrThrow(componentKey);
    const fields = (request.fields ?? []) as FormField[];
    const access = FormAccess.parse(request.access ?? { roles: ['user'], userIds: [] });
    const dataflowId = await this.check(component.id, { fields, dataflowKey: request.dataflowKey ?? null, access });
    try {
      const row = await this.prisma.form.create({
        data: {
          componentId: component.id,
          key: request.key,
          name: request.name,
          description: request.description ?? '',
          fields: fields as unknown as Prisma.InputJsonArray,
          dataflowId,
          access: access as Prisma.InputJsonObject,
        },
        include: withNames,
      });
      return toForm(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A form of this component', request.key);
      throw error;
    }
  }

  async update(id: string, request: UpdateFormRequest): Promise<Form> {
    const existing = await this.rowOrThrow(id);
    const fields = request.fields as FormField[] | undefined;
    const access = request.access ? FormAccess.parse(request.access) : undefined;
    const dataflowId = await this.check(existing.componentId, { fields, dataflowKey: request.dataflowKey, access });
    try {
      const row = await this.prisma.form.update({
        where: { id },
        data: {
          ...(request.key !== undefined ? { key: request.key } : {}),
          ...(request.name !== undefined ? { name: request.name } : {}),
          ...(request.description !== undefined ? { description: request.description } : {}),
          ...(fields !== undefined ? { fields: fields as unknown as Prisma.InputJsonArray } : {}),
          ...(request.dataflowKey !== undefined ? { dataflowId } : {}),
          ...(access !== undefined ? { access: access as Prisma.InputJsonObject } : {}),
        },
        include: withNames,
      });
      return toForm(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A form of this component', request.key ?? '');
      throw error;
    }
  }

  /** Deletes the form; its past submissions (runs) stay, without the link. */
  async delete(id: string): Promise<void> {
    await this.rowOrThrow(id);
    await this.prisma.form.delete({ where: { id } });
  }

  async rowOrThrow(id: string): Promise<FormRow> {
    const row = UUID.test(id) ? await this.prisma.form.findUnique({ where: { id }, include: withNames }) : null;
    if (!row) throw new NotFoundException('No such form.');
    return row;
  }

  /**
   * What the schema cannot check alone: unique field names, usable options, patterns and
   * bindings; a dataflow of the same component; users that exist. Returns the dataflow id.
   */
  private async check(
    componentId: string,
    { fields, dataflowKey, access }: { fields?: FormField[]; dataflowKey?: string | null; access?: { userIds: string[] } },
  ): Promise<string | null> {
    const issues: ValidationIssue[] = [];
    const names = new Set<string>();
    (fields ?? []).forEach((field, index) => {
      if (names.has(field.name)) issues.push({ path: ['fields', index, 'name'], message: `"${field.name}" is already a field` });
      names.add(field.name);
      if (field.type === 'select' && field.options.length === 0) issues.push({ path: ['fields', index, 'options'], message: 'Add at least one option' });
      if (field.pattern) {
        try {
          new RegExp(field.pattern);
        } catch {
          issues.push({ path: ['fields', index, 'pattern'], message: 'Not a valid regular expression' });
        }
      }
      const binding = bindingOf(field);
      if (!BINDING.test(binding) || binding.split('.').some((part) => FORBIDDEN_SEGMENTS.has(part))) {
        issues.push({ path: ['fields', index, 'binding'], message: 'Use a field name or a dot path such as query.city' });
      }
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) issues.push({ path: ['fields', index, 'max'], message: 'Must not be less than the minimum' });
    });
    let dataflowId: string | null = null;
    if (dataflowKey) {
      const dataflow = await this.prisma.dataflow.findUnique({ where: { key: dataflowKey }, select: { id: true, componentId: true } });
      if (!dataflow || dataflow.componentId !== componentId) issues.push({ path: ['dataflowKey'], message: 'Choose a dataflow of this component' });
      else dataflowId = dataflow.id;
    }
    if (access?.userIds.length) {
      const found = await this.prisma.user.findMany({ where: { id: { in: access.userIds } }, select: { id: true } });
      const known = new Set(found.map((user) => user.id));
      access.userIds.forEach((userId, index) => {
        if (!known.has(userId)) issues.push({ path: ['access', 'userIds', index], message: 'No such user' });
      });
    }
    if (issues.length) throw new InvalidRequestException(issues, 'The form has problems');
    return dataflowId;
  }
}
