import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ConflictBody, CreateSystemRequest, SystemDetail, SystemList, SystemListQuery, SystemSummary, UpdateSystemRequest } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { SystemsService } from './systems.service';

class SystemListQueryDto extends createZodDto(SystemListQuery) {}
class CreateSystemDto extends createZodDto(CreateSystemRequest) {}
class UpdateSystemDto extends createZodDto(UpdateSystemRequest) {}

/** Admin-only (the default of the auth guard). */
@ApiTags('systems')
@Controller('systems')
export class SystemsController {
  constructor(private readonly systems: SystemsService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(SystemList) })
  list(@Query() query: SystemListQueryDto): Promise<SystemList> {
    return this.systems.list(query);
  }

  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(SystemSummary) })
  create(@Body() body: CreateSystemDto): Promise<SystemSummary> {
    return this.systems.create(body);
  }

  @Get(':id')
  @ApiOkResponse({ schema: openApiSchema(SystemDetail) })
  get(@Param('id', uuidParam()) id: string): Promise<SystemDetail> {
    return this.systems.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ schema: openApiSchema(SystemSummary) })
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateSystemDto): Promise<SystemSummary> {
    return this.systems.update(id, body);
  }

  /** 409 listing the dataflows that use the system. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ schema: openApiSchema(ConflictBody) })
  delete(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.systems.delete(id);
  }
}
