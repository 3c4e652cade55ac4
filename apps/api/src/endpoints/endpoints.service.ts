import { Injectable, NotFoundException } from '@nestjs/common';
import type { Endpoint as EndpointRow, Prisma, PrismaClient } from '@conflux/db';
import type {
  CreateEndpointRequest,
  Endpoint,
  EndpointList,
  EndpointParameter,
  HttpMethod,
  OpenApiImportPreview,
  OpenApiImportResult,
  UpdateEndpointRequest,
} from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { DuplicateKeyException, InUseException } from '../common/conflict';
import { InvalidRequestException } from '../common/error-filter';
import { dataflowsUsing } from '../systems/dependents';
import { isUniqueViolation } from '../systems/systems.service';
import { parseOpenApiDocument } from './openapi-import';

export function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    connectorId: row.connectorId,
    key: row.key,
    path: row.path,
    methods: row.methods as HttpMethod[],
    summary: row.summary,
    parameters: row.parameters as EndpointParameter[],
    requestSchema: (row.requestSchema as Record<string, unknown> | null) ?? null,
    responseSchema: (row.responseSchema as Record<string, unknown> | null) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const json = (value: unknown) => (value === null ? (null as never) : (value as Prisma.InputJsonValue));

@Injectable()
export class EndpointsService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async list(connectorId: string): Promise<EndpointList> {
    await this.connectorOrThrow(connectorId);
    const rows = await this.prisma.endpoint.findMany({ where: { connectorId }, orderBy: [{ path: 'asc' }, { key: 'asc' }] });
    return { items: rows.map(toEndpoint) };
  }

  async get(id: string): Promise<EndpointRow> {
    const endpoint = await this.prisma.endpoint.findUnique({ where: { id } });
    if (!endpoint) throw new NotFoundException('No such endpoint.');
    return endpoint;
  }

  async create(connectorId: string, request: CreateEndpointRequest): Promise<Endpoint> {
    await this.connectorOrThrow(connectorId);
    try {
      const row = await this.prisma.endpoint.create({
        data: {
          connectorId,
          key: request.key,
          path: request.path,
          methods: request.methods,
          summary: request.summary ?? '',
          parameters: (request.parameters ?? []) as Prisma.InputJsonValue,
          requestSchema: json(request.requestSchema ?? null),
          responseSchema: json(request.responseSchema ?? null),
        },
      });
      return toEndpoint(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('An endpoint of this connector', request.key);
      throw error;
    }
  }

  async update(id: string, request: UpdateEndpointRequest): Promise<Endpoint> {
    const existing = await this.get(id);
    // The path template and its parameters are checked together, as they will be after the update.
    const path = request.path ?? existing.path;
    const parameters = (request.parameters ?? existing.parameters) as EndpointParameter[];
    const placeholders = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
    const declared = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
    const issues = [
      ...placeholders.filter((name) => !declared.includes(name!)).map((name) => ({ path: ['parameters'], message: `Describe the path parameter {${name}}` })),
      ...declared.filter((name) => !placeholders.includes(name)).map((name) => ({ path: ['path'], message: `The path has no {${name}} placeholder` })),
    ];
    if (issues.length) throw new InvalidRequestException(issues);
    try {
      const row = await this.prisma.endpoint.update({
        where: { id },
        data: {
          key: request.key,
          path: request.path,
          methods: request.methods,
          summary: request.summary,
          parameters: request.parameters as Prisma.InputJsonValue | undefined,
          requestSchema: request.requestSchema === undefined ? undefined : json(request.requestSchema),
          responseSchema: request.responseSchema === undefined ? undefined : json(request.responseSchema),
        },
      });
      return toEndpoint(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyException('An endpoint of this connector', request.key ?? '');
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const endpoint = await this.get(id);
    await this.prisma.$transaction(async (tx) => {
      const dependents = await dataflowsUsing(tx as PrismaClient, 'endpointId', [id]);
      if (dependents.length) throw new InUseException(`The endpoint "${endpoint.key}"`, dependents);
      await tx.endpoint.delete({ where: { id } });
    });
  }

  async previewImport(connectorId: string, document: string): Promise<OpenApiImportPreview> {
    await this.connectorOrThrow(connectorId);
    const parsed = await parseOpenApiDocument(document);
    const existing = new Set(
      (await this.prisma.endpoint.findMany({ where: { connectorId }, select: { key: true } })).map((row) => row.key),
    );
    return {
      title: parsed.title,
      version: parsed.version,
      operations: parsed.operations.map(({ requestSchema: _request, responseSchema: _response, ...operation }) => ({
        ...operation,
        exists: existing.has(operation.key),
      })),
    };
  }

  /** Creates or updates the chosen operations as endpoints, all or none. */
  async import(connectorId: string, document: string, operationKeys: string[]): Promise<OpenApiImportResult> {
    await this.connectorOrThrow(connectorId);
    const parsed = await parseOpenApiDocument(document);
    const chosen = parsed.operations.filter((operation) => operationKeys.includes(operation.key));
    const unknown = operationKeys.filter((key) => !parsed.operations.some((operation) => operation.key === key));
    if (unknown.length) {
      throw new InvalidRequestException(unknown.map((key) => ({ path: ['operationKeys'], message: `The document has no operation "${key}"` })));
    }
    const existing = new Set(
      (await this.prisma.endpoint.findMany({ where: { connectorId, key: { in: operationKeys } }, select: { key: true } })).map((row) => row.key),
    );
    const rows = await this.prisma.$transaction(
      chosen.map((operation) => {
        const data = {
          path: operation.path,
          methods: [operation.method],
          summary: operation.summary,
          parameters: operation.parameters as Prisma.InputJsonValue,
          requestSchema: json(operation.requestSchema),
          responseSchema: json(operation.responseSchema),
        };
        return this.prisma.endpoint.upsert({
          where: { connectorId_key: { connectorId, key: operation.key } },
          create: { connectorId, key: operation.key, ...data },
          update: data,
        });
      }),
    );
    return { created: rows.length - existing.size, updated: existing.size, endpoints: rows.map(toEndpoint) };
  }

  private async connectorOrThrow(id: string) {
    const connector = await this.prisma.connector.findUnique({ where: { id } });
    if (!connector) throw new NotFoundException('No such connector.');
    return connector;
  }
}
