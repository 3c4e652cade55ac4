import { Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import {
  EntityModel,
  recordDataSchema,
  type Component,
  type ComponentList,
  type CreateComponentRequest,
  type Dependent,
  type UpdateComponentRequest,
} from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { DuplicateKeyException, InUseException } from '../common/conflict';
import { keysetPage, keysetWhere } from '../common/pagination';
import { isUniqueViolation } from '../systems/systems.service';
import { issuesAt } from './issues';

const withRelations = {
  _count: { select: { records: true, forms: true } },
  dataflows: { select: { key: true }, orderBy: { key: 'asc' } },
} as const satisfies Prisma.ComponentInclude;
type ComponentRow = Prisma.ComponentGetPayload<{ include: typeof withRelations }>;

/** The stored entity model (validated when it was written). */
export function entityModelOf(row: { entityModel: unknown }): EntityModel {
  const parsed = EntityModel.safeParse(row.entityModel);
  return parsed.success ? parsed.data : { properties: [] };
}

function toComponent(row: ComponentRow): Component {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    entityModel: entityModelOf(row),
    displayFunction: row.displayFunction,
    recordCount: row._count.records,
    dataflowKeys: row.dataflows.map((dataflow) => dataflow.key),
    formCount: row._count.forms,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Records that no longer fit a new entity model: a 409 that changes nothing. */
export class IncompatibleRecordsError extends Error {
  constructor(readonly body: { statusCode: 409; error: string; message: string; records: Array<{ id: string; issues: Array<{ path: Array<string | number>; message: string }> }> }) {
    super(body.message);
  }
}

const MAX_LISTED = 50;
const BATCH = 1_000;

@Injectable()
export class ComponentsService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async list({ cursor, limit, search }: { cursor?: string; limit: number; search?: string }): Promise<ComponentList> {
    const where: Prisma.ComponentWhereInput = search
      ? {
          OR: [
            { name: { contains: search, mode: 'insensitive' } },
            { key: { contains: search, mode: 'insensitive' } },
            { description: { contains: search, mode: 'insensitive' } },
          ],
        }
      : {};
    const rows = await this.prisma.component.findMany({ where: keysetWhere(where, cursor), orderBy: { id: 'asc' }, take: limit + 1, include: withRelations });
    return keysetPage(rows, limit, toComponent);
  }

  async get(key: string): Promise<Component> {
    const row = await this.prisma.component.findUnique({ where: { key }, include: withRelations });
    if (!row) throw new NotFoundException(`No component with the key "${key}".`);
    return toComponent(row);
  }

  async create(request: CreateComponentRequest): Promise<Component> {
    try {
      const row = await this.prisma.component.create({
        data: {
          key: request.key,
          name: request.name,
          description: request.description ?? '',
          entityModel: (request.entityModel ?? { properties: [] }) as Prisma.InputJsonObject,
          displayFunction: request.displayFunction ?? null,
        },
        include: withRelations,
      });
      return toComponent(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A component', request.key);
      throw error;
    }
  }

  /**
   * Changes the component. A new entity model is checked against every stored record first;
   * when some no longer fit, nothing changes and the answer lists them (the first 50).
   */
  async update(key: string, request: UpdateComponentRequest): Promise<Component> {
    const existing = await this.rowOrThrow(key);
    try {
      await this.prisma.$transaction(
        async (tx) => {
          // Lock the component so no model change races this one.
          await tx.$queryRaw`select id from "Component" where id = ${existing.id}::uuid for update`;
          if (request.entityModel) await this.checkRecords(tx as unknown as PrismaClient, existing.id, request.entityModel as EntityModel);
          await tx.component.update({
            where: { id: existing.id },
            data: {
              ...(request.key !== undefined ? { key: request.key } : {}),
              ...(request.name !== undefined ? { name: request.name } : {}),
              ...(request.description !== undefined ? { description: request.description } : {}),
              ...(request.entityModel !== undefined ? { entityModel: request.entityModel as Prisma.InputJsonObject } : {}),
              ...(request.displayFunction !== undefined ? { displayFunction: request.displayFunction } : {}),
            },
          });
        },
        { timeout: 60_000 },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A component', request.key ?? '');
      throw error;
    }
    return this.get(request.key ?? key);
  }

  /** Deletes the component with its records, unless dataflows or forms use it. */
  async delete(key: string): Promise<void> {
    const component = await this.rowOrThrow(key);
    await this.prisma.$transaction(async (tx) => {
      const dependents = await this.dependents(tx as unknown as PrismaClient, component.id);
      if (dependents.length) throw new InUseException(`The component "${component.name}"`, dependents);
      await tx.entityRecord.deleteMany({ where: { componentId: component.id } });
      await tx.component.delete({ where: { id: component.id } });
    });
  }

  async rowOrThrow(key: string) {
    const row = await this.prisma.component.findUnique({ where: { key } });
    if (!row) throw new NotFoundException(`No component with the key "${key}".`);
    return row;
  }

  /** Its dataflows (by componentId, or by an Update entry step in any version) and its forms. */
  private async dependents(prisma: PrismaClient, componentId: string): Promise<Dependent[]> {
    const dataflows = await prisma.$queryRaw<Array<{ key: string; name: string }>>`
      select d.key, d.name from "Dataflow" d
      where d."componentId" = ${componentId}::uuid
         or exists (
           select 1 from "DataflowVersion" v, jsonb_array_elements(v.steps) step
           where v."dataflowId" = d.id and step -> 'config' ->> 'componentId' = ${componentId}
         )
      order by d.key`;
    const forms = await prisma.form.findMany({ where: { componentId }, select: { key: true, name: true }, orderBy: { key: 'asc' } });
    return [
      ...dataflows.map((row) => ({ type: 'dataflow' as const, key: row.key, name: row.name })),
      ...forms.map((form) => ({ type: 'form' as const, key: form.key, name: form.name })),
    ];
  }

  private async checkRecords(prisma: PrismaClient, componentId: string, model: EntityModel): Promise<void> {
    const schema = recordDataSchema(model);
    const incompatible: Array<{ id: string; issues: Array<{ path: Array<string | number>; message: string }> }> = [];
    let total = 0;
    let cursor: string | undefined;
    for (;;) {
      const batch = await prisma.entityRecord.findMany({
        where: { componentId, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: 'asc' },
        take: BATCH,
        select: { id: true, data: true },
      });
      for (const record of batch) {
        const result = schema.safeParse(record.data);
        if (result.success) continue;
        total += 1;
        if (incompatible.length < MAX_LISTED) incompatible.push({ id: record.id, issues: issuesAt('data', result.error.issues, 'Not a property of the new entity model') });
      }
      if (batch.length < BATCH) break;
      cursor = batch.at(-1)!.id;
    }
    if (total) {
      throw new IncompatibleRecordsError({
        statusCode: 409,
        error: 'Conflict',
        message: `${total} ${total === 1 ? 'record does' : 'records do'} not fit the new entity model${total > MAX_LISTED ? ` (the first ${MAX_LISTED} are listed)` : ''}. Change or delete them first, or adjust the model.`,
        records: incompatible,
      });
    }
  }
}
