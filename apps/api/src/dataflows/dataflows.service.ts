import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type DataflowVersion as VersionRow, type PrismaClient } from '@conflux/db';
import type {
  CreateDataflowRequest,
  Dataflow,
  DataflowDefinition,
  DataflowList,
  DataflowSummary,
  DataflowVersion,
  SaveDraftRequest,
  Step,
} from '@conflux/contracts';
import { DataflowDefinition as DefinitionSchema } from '@conflux/contracts';
import { validateDataflow } from '@conflux/engine';
import { z } from 'zod';
import { InjectPrisma } from '../database/database.module';
import { keysetPage, keysetWhere } from '../common/pagination';
import { DuplicateKeyException } from '../common/conflict';
import { InvalidRequestException } from '../common/error-filter';
import { isUniqueViolation } from '../systems/systems.service';
import { dataflowReferences } from './dataflow-references';

type DataflowRow = Prisma.DataflowGetPayload<{ include: { versions: true } }>;

function toVersion(row: VersionRow): DataflowVersion {
  return {
    version: row.version,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    inputSchema: (row.inputSchema as Record<string, unknown> | null) ?? null,
    steps: row.steps as Step[],
  };
}

function toSummary(row: DataflowRow): DataflowSummary {
  const latest = row.versions.reduce((max, version) => Math.max(max, version.version), 0);
  const published = row.versions.filter((version) => version.status === 'published').reduce<number | null>((max, v) => Math.max(max ?? 0, v.version), null);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    componentId: row.componentId,
    latestVersion: latest,
    publishedVersion: published,
    hasDraft: row.versions.some((version) => version.status === 'draft'),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class DataflowsService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async list(query: { cursor?: string; limit: number; search?: string }): Promise<DataflowList> {
    const where: Prisma.DataflowWhereInput = query.search
      ? { OR: [{ name: { contains: query.search, mode: 'insensitive' } }, { key: { contains: query.search, mode: 'insensitive' } }] }
      : {};
    const rows = await this.prisma.dataflow.findMany({
      where: keysetWhere(where, query.cursor),
      orderBy: { id: 'asc' },
      take: query.limit + 1,
      include: { versions: { select: { version: true, status: true } } },
    });
    return keysetPage(rows, query.limit, (row) => toSummary(row as DataflowRow));
  }

  async get(key: string): Promise<Dataflow> {
    const row = await this.rowOrThrow(key);
    const versions = [...row.versions].sort((a, b) => b.version - a.version);
    const current = versions.find((version) => version.status === 'draft') ?? versions[0]!;
    return {
      ...toSummary(row),
      current: toVersion(current),
      versions: versions.map(({ version, status, createdAt, publishedAt }) => ({
        version,
        status,
        createdAt: createdAt.toISOString(),
        publishedAt: publishedAt?.toISOString() ?? null,
      })),
    };
  }

  async getVersion(key: string, version: number): Promise<DataflowVersion> {
    const row = await this.rowOrThrow(key);
    const found = row.versions.find((candidate) => candidate.version === version);
    if (!found) throw new NotFoundException(`Dataflow "${key}" has no version ${version}.`);
    return toVersion(found);
  }

  async create(request: CreateDataflowRequest): Promise<Dataflow> {
    const definition = DefinitionSchema.parse(request);
    await this.validate(definition);
    try {
      await this.prisma.dataflow.create({
        data: {
          key: request.key,
          name: definition.name,
          description: definition.description,
          componentId: request.componentId ?? null,
          versions: { create: { version: 1, status: 'draft', steps: definition.steps as Prisma.InputJsonValue, inputSchema: json(definition.inputSchema) } },
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A dataflow', request.key);
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
        throw new InvalidRequestException([{ path: ['componentId'], message: 'No such component' }]);
      }
      throw error;
    }
    return this.get(request.key);
  }

  /** Edits the draft; when the latest version is published, the edit starts a new draft version. */
  async saveDraft(key: string, request: SaveDraftRequest): Promise<Dataflow> {
    const definition = DefinitionSchema.parse(request);
    await this.validate(definition);
    const row = await this.rowOrThrow(key);
    await this.prisma.$transaction(async (tx) => {
      const draft = row.versions.find((version) => version.status === 'draft');
      const data = { steps: definition.steps as Prisma.InputJsonValue, inputSchema: json(definition.inputSchema) };
      if (draft) await tx.dataflowVersion.update({ where: { id: draft.id }, data });
      else {
        const next = row.versions.reduce((max, version) => Math.max(max, version.version), 0) + 1;
        await tx.dataflowVersion.create({ data: { dataflowId: row.id, version: next, status: 'draft', ...data } });
      }
      await tx.dataflow.update({ where: { id: row.id }, data: { name: definition.name, description: definition.description } });
    });
    return this.get(key);
  }

  /** Freezes the draft: runs started from now on use it, and the next edit makes a new draft. */
  async publish(key: string): Promise<Dataflow> {
    const row = await this.rowOrThrow(key);
    const draft = row.versions.find((version) => version.status === 'draft');
    if (!draft) throw new ConflictException('There is no draft to publish: the latest version is already published.');
    // Re-validate: the catalog may have changed since the draft was saved.
    await this.validate(DefinitionSchema.parse({ name: row.name, description: row.description, inputSchema: draft.inputSchema, steps: draft.steps }));
    await this.prisma.dataflowVersion.update({ where: { id: draft.id }, data: { status: 'published', publishedAt: new Date() } });
    return this.get(key);
  }

  async delete(key: string): Promise<void> {
    const row = await this.rowOrThrow(key);
    const forms = await this.prisma.form.findMany({ where: { dataflowId: row.id }, select: { key: true, name: true } });
    if (forms.length) {
      throw new ConflictException({
        message: `Forms use this dataflow: ${forms.map((form) => form.name).join(', ')}.`,
        dependents: forms.map((form) => ({ type: 'form', key: form.key, name: form.name })),
      });
    }
    // Its run history goes with it.
    await this.prisma.$transaction([
      this.prisma.run.deleteMany({ where: { dataflowId: row.id } }),
      this.prisma.dataflow.delete({ where: { id: row.id } }),
    ]);
  }

  async rowOrThrow(key: string): Promise<DataflowRow> {
    const row = await this.prisma.dataflow.findUnique({ where: { key }, include: { versions: true } });
    if (!row) throw new NotFoundException(`No dataflow with the key "${key}".`);
    return row;
  }

  private async validate(definition: DataflowDefinition) {
    const issues = await validateDataflow(definition, dataflowReferences(this.prisma));
    if (definition.inputSchema) {
      try {
        z.fromJSONSchema(definition.inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
      } catch (error) {
        issues.push({ path: ['inputSchema'], message: `Not a usable JSON Schema: ${(error as Error).message}` });
      }
    }
    if (issues.length) throw new InvalidRequestException(issues, 'The dataflow has problems');
  }
}

function json(value: unknown) {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
