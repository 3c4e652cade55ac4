import type { Prisma, PrismaClient } from '@conflux/db';
import { EntityModel, recordDataSchema } from '@conflux/contracts';
import type { JsonValue } from '../model';
import { StepError, type RecordWriter } from '../steps';

type Issue = { code: string; path: PropertyKey[]; message: string; keys?: string[] };

/** The first problems of a record as words that name the property: `temperature: Invalid input: expected number`. */
export function describeRecordIssues(issues: readonly Issue[]): string {
  const parts: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) parts.push(`${key}: not a property of the entity model`);
    } else {
      const path = issue.path.filter((part) => typeof part !== 'symbol').join('.');
      parts.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  return parts.slice(0, 5).join('; ') + (parts.length > 5 ? ` (and ${parts.length - 5} more)` : '');
}

/**
 * The Update entry step's writes to a component's records (EntityRecord rows). Data is
 * validated against the component's entity model with the same schema as the API: create
 * applies defaults, update validates the merged record.
 */
export class PrismaRecordWriter implements RecordWriter {
  constructor(private readonly prisma: PrismaClient) {}

  async create(componentId: string, data: Record<string, JsonValue>): Promise<string> {
    const model = await this.model(componentId);
    const valid = this.validate(model, data, true);
    const record = await this.prisma.entityRecord.create({ data: { componentId, data: valid as Prisma.InputJsonObject } });
    return record.id;
  }

  async update(componentId: string, recordId: string, data: Record<string, JsonValue>): Promise<string> {
    const model = await this.model(componentId);
    const existing = await this.record(componentId, recordId);
    // Properties not mapped keep their values.
    const merged = this.validate(model, { ...(existing.data as Record<string, JsonValue>), ...data }, false);
    await this.prisma.entityRecord.update({ where: { id: recordId }, data: { data: merged as Prisma.InputJsonObject } });
    return recordId;
  }

  async delete(componentId: string, recordId: string): Promise<string> {
    await this.record(componentId, recordId);
    await this.prisma.entityRecord.delete({ where: { id: recordId } });
    return recordId;
  }

  private validate(model: EntityModel, data: Record<string, JsonValue>, applyDefaults: boolean): Record<string, JsonValue> {
    const result = recordDataSchema(model, { applyDefaults }).safeParse(data);
    if (!result.success) throw new StepError(`The record does not fit the component's entity model: ${describeRecordIssues(result.error.issues as Issue[])}`);
    return result.data as Record<string, JsonValue>;
  }

  private async model(id: string): Promise<EntityModel> {
    const component = await this.prisma.component.findUnique({ where: { id }, select: { entityModel: true } });
    if (!component) throw new StepError('The component of this step no longer exists.');
    const model = EntityModel.safeParse(component.entityModel);
    if (!model.success) throw new StepError("The component's entity model is invalid; fix it in the component editor.");
    return model.data;
  }

  private async record(componentId: string, id: string) {
    const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const record = valid ? await this.prisma.entityRecord.findUnique({ where: { id } }) : null;
    if (!record || record.componentId !== componentId) throw new StepError(`No record ${JSON.stringify(id)} in this component.`);
    return record;
  }
}
