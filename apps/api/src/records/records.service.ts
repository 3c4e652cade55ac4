import { Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type EntityRecord as RecordRow, type PrismaClient } from '@conflux/db';
import { recordDataSchema, type EntityModel, type EntityRecord, type RecordList, type RecordListQuery } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { InvalidRequestException } from '../common/error-filter';
import { ComponentsService, entityModelOf } from '../components/components.service';
import { issuesAt } from '../components/issues';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRecord(row: Pick<RecordRow, 'id' | 'componentId' | 'data' | 'createdAt' | 'updatedAt'>): EntityRecord {
  return {
    id: row.id,
    componentId: row.componentId,
    data: (row.data ?? {}) as Record<string, unknown>,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** A component's records, validated against its entity model. */
@Injectable()
export class RecordsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly components: ComponentsService,
  ) {}

  /**
   * Offset pagination, sorted by a property of the entity model (then by id), filtered by
   * equality on properties' text values. Property names and values are bound parameters.
   */
  async list(componentKey: string, query: RecordListQuery): Promise<RecordList> {
    const component = await this.components.rowOrThrow(componentKey);
    const names = new Set(entityModelOf(component).properties.map((property) => property.name));
    const issues = [
      ...(query.sort && !names.has(query.sort) ? [{ path: ['sort'], message: `"${query.sort}" is not a property of the entity model` }] : []),
      ...Object.keys(query.filter ?? {})
        .filter((name) => !names.has(name))
        .map((name) => ({ path: ['filter', name], message: `"${name}" is not a property of the entity model` })),
    ];
    if (issues.length) throw new InvalidRequestException(issues);

    const conditions = [
      Prisma.sql`"componentId" = ${component.id}::uuid`,
      ...Object.entries(query.filter ?? {}).map(([name, value]) => Prisma.sql`data ->> ${name}::text = ${value}::text`),
    ];
    const where = Prisma.join(conditions, ' and ');
    const direction = Prisma.raw(query.order === 'desc' ? 'desc' : 'asc');
    // jsonb orders numbers as numbers and strings as text; records without the property go last.
    const orderBy = query.sort ? Prisma.sql`data -> ${query.sort}::text ${direction} nulls last, id ${direction}` : Prisma.sql`id ${direction}`;
    const [rows, counted] = await Promise.all([
      this.prisma.$queryRaw<RecordRow[]>`
        select id, "componentId", data, "createdAt", "updatedAt" from "EntityRecord"
        where ${where} order by ${orderBy} limit ${query.limit} offset ${query.offset}`,
      this.prisma.$queryRaw<Array<{ total: bigint }>>`select count(*) as total from "EntityRecord" where ${where}`,
    ]);
    return { items: rows.map(toRecord), total: Number(counted[0]?.total ?? 0), offset: query.offset, limit: query.limit };
  }

  async get(componentKey: string, id: string): Promise<EntityRecord> {
    const component = await this.components.rowOrThrow(componentKey);
    return toRecord(await this.recordOrThrow(component.id, id));
  }

  /** Creates a record; missing properties take their defaults. */
  async create(componentKey: string, data: Record<string, unknown>): Promise<EntityRecord> {
    const component = await this.components.rowOrThrow(componentKey);
    const valid = this.validate(entityModelOf(component), data, true);
    return toRecord(await this.prisma.entityRecord.create({ data: { componentId: component.id, data: valid as Prisma.InputJsonObject } }));
  }

  /** Changes the given properties (null clears an optional one); the merged record must fit the model. */
  async update(componentKey: string, id: string, data: Record<string, unknown>): Promise<EntityRecord> {
    const component = await this.components.rowOrThrow(componentKey);
    const existing = await this.recordOrThrow(component.id, id);
    const merged = this.validate(entityModelOf(component), { ...(existing.data as Record<string, unknown>), ...data }, false);
    return toRecord(await this.prisma.entityRecord.update({ where: { id }, data: { data: merged as Prisma.InputJsonObject } }));
  }

  async delete(componentKey: string, id: string): Promise<void> {
    const component = await this.components.rowOrThrow(componentKey);
    await this.recordOrThrow(component.id, id);
    await this.prisma.entityRecord.delete({ where: { id } });
  }

  private validate(model: EntityModel, data: Record<string, unknown>, applyDefaults: boolean): Record<string, unknown> {
    const result = recordDataSchema(model, { applyDefaults }).safeParse(data);
    if (!result.success) throw new InvalidRequestException(issuesAt('data', result.error.issues, 'Not a property of the entity model'), 'The record does not fit the entity model');
    return result.data as Record<string, unknown>;
  }

  private async recordOrThrow(componentId: string, id: string) {
    const row = UUID.test(id) ? await this.prisma.entityRecord.findUnique({ where: { id } }) : null;
    if (!row || row.componentId !== componentId) throw new NotFoundException('No such record.');
    return row;
  }
}
