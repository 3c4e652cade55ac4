import type { Prisma, PrismaClient } from '@conflux/db';
import type { JsonValue } from '../model';
import { StepError, type RecordWriter } from '../steps';

/** The Update entry step's writes to a component's records (EntityRecord rows). */
export class PrismaRecordWriter implements RecordWriter {
  constructor(private readonly prisma: PrismaClient) {}

  async create(componentId: string, data: Record<string, JsonValue>): Promise<string> {
    await this.component(componentId);
    const record = await this.prisma.entityRecord.create({ data: { componentId, data: data as Prisma.InputJsonObject } });
    return record.id;
  }

  async update(componentId: string, recordId: string, data: Record<string, JsonValue>): Promise<string> {
    const existing = await this.record(componentId, recordId);
    // Properties not mapped keep their values.
    const merged = { ...(existing.data as Record<string, JsonValue>), ...data };
    await this.prisma.entityRecord.update({ where: { id: recordId }, data: { data: merged as Prisma.InputJsonObject } });
    return recordId;
  }

  async delete(componentId: string, recordId: string): Promise<string> {
    await this.record(componentId, recordId);
    await this.prisma.entityRecord.delete({ where: { id: recordId } });
    return recordId;
  }

  private async component(id: string) {
    const component = await this.prisma.component.findUnique({ where: { id }, select: { id: true } });
    if (!component) throw new StepError('The component of this step no longer exists.');
    return component;
  }

  private async record(componentId: string, id: string) {
    const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const record = valid ? await this.prisma.entityRecord.findUnique({ where: { id } }) : null;
    if (!record || record.componentId !== componentId) throw new StepError(`No record ${JSON.stringify(id)} in this component.`);
    return record;
  }
}
