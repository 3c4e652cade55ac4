import { Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@conflux/db';
import type { CreateSystemRequest, SystemDetail, SystemList, SystemListQuery, SystemSummary, UpdateSystemRequest } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { keysetPage, keysetWhere } from '../common/pagination';
import { DuplicateKeyException, InUseException } from '../common/conflict';
import { ConnectorMapper } from '../connectors/connector-mapper';
import { dataflowsUsing } from './dependents';

type SystemRow = Prisma.SystemGetPayload<{ include: { _count: { select: { connectors: true } } } }>;

function toSummary(system: SystemRow): SystemSummary {
  return {
    id: system.id,
    key: system.key,
    name: system.name,
    description: system.description,
    ownerNotes: system.ownerNotes,
    connectorCount: system._count.connectors,
    createdAt: system.createdAt.toISOString(),
    updatedAt: system.updatedAt.toISOString(),
  };
}

const withCount = { _count: { select: { connectors: true } } } as const;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

@Injectable()
export class SystemsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly connectors: ConnectorMapper,
  ) {}

  async list({ cursor, limit, search }: SystemListQuery): Promise<SystemList> {
    const where: Prisma.SystemWhereInput = search
      ? {
          OR: [
            { name: { contains: search, mode: 'insensitive' } },
            { key: { contains: search, mode: 'insensitive' } },
            { description: { contains: search, mode: 'insensitive' } },
          ],
        }
      : {};
    const rows = await this.prisma.system.findMany({
      where: keysetWhere(where, cursor),
      orderBy: { id: 'asc' },
      take: limit + 1,
      include: withCount,
    });
    return keysetPage(rows, limit, toSummary);
  }

  async get(id: string): Promise<SystemDetail> {
    const system = await this.prisma.system.findUnique({
      where: { id },
      include: { ...withCount, connectors: { orderBy: { createdAt: 'asc' }, include: { _count: { select: { endpoints: true } } } } },
    });
    if (!system) throw new NotFoundException('No such system.');
    return { ...toSummary(system), connectors: system.connectors.map((connector) => this.connectors.toContract(connector)) };
  }

  async create(request: CreateSystemRequest): Promise<SystemSummary> {
    try {
      return toSummary(await this.prisma.system.create({ data: request, include: withCount }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A system', request.key);
      throw error;
    }
  }

  async update(id: string, request: UpdateSystemRequest): Promise<SystemSummary> {
    await this.findOrThrow(id);
    try {
      return toSummary(await this.prisma.system.update({ where: { id }, data: request, include: withCount }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A system', request.key ?? '');
      throw error;
    }
  }

  /** Deletes the system with its connectors and endpoints, unless a dataflow uses it. */
  async delete(id: string): Promise<void> {
    const system = await this.findOrThrow(id);
    await this.prisma.$transaction(async (tx) => {
      const dependents = await dataflowsUsing(tx as PrismaClient, 'systemId', [id]);
      if (dependents.length) throw new InUseException(`The system "${system.name}"`, dependents);
      await tx.connector.deleteMany({ where: { systemId: id } });
      await tx.system.delete({ where: { id } });
    });
  }

  private async findOrThrow(id: string) {
    const system = await this.prisma.system.findUnique({ where: { id } });
    if (!system) throw new NotFoundException('No such system.');
    return system;
  }
}
