import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  ConflictBody,
  CreateEndpointRequest,
  Endpoint,
  EndpointList,
  OpenApiImportPreview,
  OpenApiImportPreviewRequest,
  OpenApiImportRequest,
  OpenApiImportResult,
  OutboundResult,
  TryEndpointRequest,
  UpdateEndpointRequest,
} from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { EndpointsService, toEndpoint } from './endpoints.service';
import { TryEndpointService } from './try-endpoint.service';

class CreateEndpointDto extends createZodDto(CreateEndpointRequest) {}
class UpdateEndpointDto extends createZodDto(UpdateEndpointRequest) {}
class PreviewDto extends createZodDto(OpenApiImportPreviewRequest) {}
class ImportDto extends createZodDto(OpenApiImportRequest) {}
class TryDto extends createZodDto(TryEndpointRequest) {}

/** Admin-only (the default of the auth guard). */
@ApiTags('endpoints')
@Controller()
export class EndpointsController {
  constructor(
    private readonly endpoints: EndpointsService,
    private readonly tryEndpoint: TryEndpointService,
  ) {}

  @Get('connectors/:connectorId/endpoints')
  @ApiOkResponse({ schema: openApiSchema(EndpointList) })
  list(@Param('connectorId', uuidParam('connectorId')) connectorId: string): Promise<EndpointList> {
    return this.endpoints.list(connectorId);
  }

  @Post('connectors/:connectorId/endpoints')
  @ApiCreatedResponse({ schema: openApiSchema(Endpoint) })
  create(@Param('connectorId', uuidParam('connectorId')) connectorId: string, @Body() body: CreateEndpointDto): Promise<Endpoint> {
    return this.endpoints.create(connectorId, body);
  }

  /** Lists the operations of an OpenAPI 3 document (JSON or YAML) without importing anything. */
  @Post('connectors/:connectorId/endpoints/import/preview')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(OpenApiImportPreview) })
  preview(@Param('connectorId', uuidParam('connectorId')) connectorId: string, @Body() body: PreviewDto): Promise<OpenApiImportPreview> {
    return this.endpoints.previewImport(connectorId, body.document);
  }

  /** Creates (or updates, by key) the chosen operations as endpoints, in one transaction. */
  @Post('connectors/:connectorId/endpoints/import')
  @ApiCreatedResponse({ schema: openApiSchema(OpenApiImportResult) })
  import(@Param('connectorId', uuidParam('connectorId')) connectorId: string, @Body() body: ImportDto): Promise<OpenApiImportResult> {
    return this.endpoints.import(connectorId, body.document, body.operationKeys);
  }

  @Get('endpoints/:id')
  @ApiOkResponse({ schema: openApiSchema(Endpoint) })
  async get(@Param('id', uuidParam()) id: string): Promise<Endpoint> {
    return toEndpoint(await this.endpoints.get(id));
  }

  @Patch('endpoints/:id')
  @ApiOkResponse({ schema: openApiSchema(Endpoint) })
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateEndpointDto): Promise<Endpoint> {
    return this.endpoints.update(id, body);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ schema: openApiSchema(ConflictBody) })
  delete(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.endpoints.delete(id);
  }

  /** "Try it": sends the request through the connector (with its authentication) and shows the response. */
  @Post('endpoints/:id/try')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(OutboundResult) })
  try(@Param('id', uuidParam()) id: string, @Body() body: TryDto): Promise<OutboundResult> {
    return this.tryEndpoint.send(id, body);
  }
}
