import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ConflictBody, Connector, ConnectorList, CreateConnectorRequest, OutboundResult, UpdateConnectorRequest } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { ConnectorsService } from './connectors.service';

class CreateConnectorDto extends createZodDto(CreateConnectorRequest) {}
class UpdateConnectorDto extends createZodDto(UpdateConnectorRequest) {}

/** Admin-only (the default of the auth guard). Secrets are write-only: responses say whether each is set. */
@ApiTags('connectors')
@Controller()
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Get('systems/:systemId/connectors')
  @ApiOkResponse({ schema: openApiSchema(ConnectorList) })
  list(@Param('systemId', uuidParam('systemId')) systemId: string): Promise<ConnectorList> {
    return this.connectors.list(systemId);
  }

  @Post('systems/:systemId/connectors')
  @ApiCreatedResponse({ schema: openApiSchema(Connector) })
  create(@Param('systemId', uuidParam('systemId')) systemId: string, @Body() body: CreateConnectorDto): Promise<Connector> {
    return this.connectors.create(systemId, body);
  }

  @Get('connectors/:id')
  @ApiOkResponse({ schema: openApiSchema(Connector) })
  get(@Param('id', uuidParam()) id: string): Promise<Connector> {
    return this.connectors.get(id);
  }

  @Patch('connectors/:id')
  @ApiOkResponse({ schema: openApiSchema(Connector) })
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateConnectorDto): Promise<Connector> {
    return this.connectors.update(id, body);
  }

  @Delete('connectors/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ schema: openApiSchema(ConflictBody) })
  delete(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.connectors.delete(id);
  }

  /** Sends a GET to the connector's test path: status, time taken and any error, secrets masked. */
  @Post('connectors/:id/test')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(OutboundResult) })
  test(@Param('id', uuidParam()) id: string): Promise<OutboundResult> {
    return this.connectors.test(id);
  }
}
