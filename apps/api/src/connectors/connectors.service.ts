import { Injectable, NotFoundException } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@conflux/db';
import type { Connector, ConnectorList, CreateConnectorRequest, OutboundResult, UpdateConnectorRequest } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { DuplicateKeyException, InUseException } from '../common/conflict';
import { dataflowsUsing } from '../systems/dependents';
import { isUniqueViolation } from '../systems/systems.service';
import { OutboundService } from '../outbound/outbound.service';
import { ConnectorMapper } from './connector-mapper';

const withCount = { _count: { select: { endpoints: true } } } as const;

@Injectable()
export class ConnectorsService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly mapper: ConnectorMapper,
    private readonly outbound: OutboundService,
  ) {}

  async list(systemId: string): Promise<ConnectorList> {
    await this.systemOrThrow(systemId);
    const rows = await this.prisma.connector.findMany({ where: { systemId }, orderBy: { createdAt: 'asc' }, include: withCount });
    return { items: rows.map((row) => this.mapper.toContract(row)) };
  }

  async get(id: string): Promise<Connector> {
    const row = await this.prisma.connector.findUnique({ where: { id }, include: withCount });
    if (!row) throw new NotFoundException('No such connector.');
    return this.mapper.toContract(row);
  }

  async create(systemId: string, request: CreateConnectorRequest): Promise<Connector> {
    await this.systemOrThrow(systemId);
    const data = this.mapper.toColumns(request) as Prisma.ConnectorUncheckedCreateInput;
    try {
      const row = await this.prisma.connector.create({ data: { ...data, systemId }, include: withCount });
      return this.mapper.toContract(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A connector of this system', request.key);
      throw error;
    }
  }

  async update(id: string, request: UpdateConnectorRequest): Promise<Connector> {
    const existing = await this.rowOrThrow(id);
    try {
      const row = await this.prisma.connector.update({
        where: { id },
        data: this.mapper.toColumns(request, existing),
        include: withCount,
      });
      // New credentials invalidate the cached OAuth2 token.
      if (request.auth) await this.prisma.connectorToken.deleteMany({ where: { connectorId: id } });
      return this.mapper.toContract(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('A connector of this system', request.key ?? '');
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const connector = await this.rowOrThrow(id);
    await this.prisma.$transaction(async (tx) => {
      const dependents = await dataflowsUsing(tx as PrismaClient, 'connectorId', [id]);
      if (dependents.length) throw new InUseException(`The connector "${connector.name}"`, dependents);
      await tx.connector.delete({ where: { id } });
    });
  }

  /** "Test connection": a GET of the connector's test path with its authentication. */
  async test(id: string): Promise<OutboundResult> {
    const row = await this.rowOrThrow(id);
    return this.outbound.send(row, { method: 'GET', path: row.testPath });
  }

  async rowOrThrow(id: string) {
    const row = await this.prisma.connector.findUnique({ where: { id } });
    if (!row) throw new NotFoundException('No such connector.');
    return row;
  }

  private async systemOrThrow(id: string) {
    const system = await this.prisma.system.findUnique({ where: { id } });
    if (!system) throw new NotFoundException('No such system.');
    return system;
  }
}
