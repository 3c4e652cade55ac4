import { Body, Catch, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import {
  Component,
  ComponentList,
  ComponentListQuery,
  ConflictBody,
  CreateComponentRequest,
  IncompatibleRecords,
  PreviewDisplayRequest,
  PreviewDisplayResponse,
  UpdateComponentRequest,
} from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { ComponentsService, IncompatibleRecordsError } from './components.service';
import { renderView, type RenderedView } from './display';

class ComponentListQueryDto extends createZodDto(ComponentListQuery) {}
class CreateComponentDto extends createZodDto(CreateComponentRequest) {}
class UpdateComponentDto extends createZodDto(UpdateComponentRequest) {}
class PreviewDisplayDto extends createZodDto(PreviewDisplayRequest) {}

/** 409 IncompatibleRecords: the body lists the records, which the global error shape has no room for. */
@Catch(IncompatibleRecordsError)
class IncompatibleRecordsFilter implements ExceptionFilter {
  catch(exception: IncompatibleRecordsError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(409).json(exception.body);
  }
}

/** Admin-only (the default of the auth guard). Components are addressed by their key. */
@ApiTags('components')
@Controller('components')
@UseFilters(IncompatibleRecordsFilter)
export class ComponentsController {
  constructor(private readonly components: ComponentsService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(ComponentList) })
  list(@Query() query: ComponentListQueryDto): Promise<ComponentList> {
    return this.components.list(query);
  }

  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(Component) })
  create(@Body() body: CreateComponentDto): Promise<Component> {
    return this.components.create(body);
  }

  @Get(':key')
  @ApiOkResponse({ schema: openApiSchema(Component) })
  get(@Param('key') key: string): Promise<Component> {
    return this.components.get(key);
  }

  /** A new entity model must fit every stored record: otherwise 409 listing those that do not, and nothing changes. */
  @Patch(':key')
  @ApiOkResponse({ schema: openApiSchema(Component) })
  @ApiConflictResponse({ schema: openApiSchema(IncompatibleRecords) })
  update(@Param('key') key: string, @Body() body: UpdateComponentDto): Promise<Component> {
    return this.components.update(key, body);
  }

  /** Deletes the component and its records; 409 listing the dataflows and forms that use it. */
  @Delete(':key')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ schema: openApiSchema(ConflictBody) })
  delete(@Param('key') key: string): Promise<void> {
    return this.components.delete(key);
  }

  /** Runs a display function on a sample output, for the editor: the view, or the default view and why. */
  @Post(':key/display/preview')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(PreviewDisplayResponse) })
  async preview(@Param('key') key: string, @Body() body: PreviewDisplayDto): Promise<RenderedView> {
    await this.components.rowOrThrow(key);
    return renderView(body.displayFunction, body.output);
  }
}
