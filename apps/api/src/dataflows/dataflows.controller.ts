import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import {
  CreateDataflowRequest,
  Dataflow,
  DataflowList,
  DataflowListQuery,
  DataflowVersion,
  RunView,
  SaveDraftRequest,
  StartRunRequest,
} from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { RunsService } from '../runs/runs.service';
import { DataflowsService } from './dataflows.service';

class DataflowListQueryDto extends createZodDto(DataflowListQuery) {}
class CreateDataflowDto extends createZodDto(CreateDataflowRequest) {}
class SaveDraftDto extends createZodDto(SaveDraftRequest) {}
class StartRunDto extends createZodDto(StartRunRequest) {}

/** Admin-only (the default of the auth guard). Dataflows are addressed by their key. */
@ApiTags('dataflows')
@Controller('dataflows')
export class DataflowsController {
  constructor(
    private readonly dataflows: DataflowsService,
    private readonly runs: RunsService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(DataflowList) })
  list(@Query() query: DataflowListQueryDto): Promise<DataflowList> {
    return this.dataflows.list(query);
  }

  /** 400 lists every problem with its step and field (e.g. steps.2.sourceStepId). */
  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(Dataflow) })
  create(@Body() body: CreateDataflowDto): Promise<Dataflow> {
    return this.dataflows.create(body);
  }

  @Get(':key')
  @ApiOkResponse({ schema: openApiSchema(Dataflow) })
  get(@Param('key') key: string): Promise<Dataflow> {
    return this.dataflows.get(key);
  }

  @Get(':key/versions/:version')
  @ApiOkResponse({ schema: openApiSchema(DataflowVersion) })
  version(@Param('key') key: string, @Param('version', ParseIntPipe) version: number): Promise<DataflowVersion> {
    return this.dataflows.getVersion(key, version);
  }

  @Put(':key/draft')
  @ApiOkResponse({ schema: openApiSchema(Dataflow) })
  saveDraft(@Param('key') key: string, @Body() body: SaveDraftDto): Promise<Dataflow> {
    return this.dataflows.saveDraft(key, body);
  }

  @Post(':key/publish')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(Dataflow) })
  publish(@Param('key') key: string): Promise<Dataflow> {
    return this.dataflows.publish(key);
  }

  @Delete(':key')
  @HttpCode(204)
  @ApiNoContentResponse()
  delete(@Param('key') key: string): Promise<void> {
    return this.dataflows.delete(key);
  }

  /**
   * Starts a run. With `wait` (seconds, at most 30) the answer is 200 with the finished run
   * when it ends in time; otherwise 202 with the run as it is and its URL in Location.
   */
  @Post(':key/runs')
  @ApiOkResponse({ description: 'The run ended within `wait`', schema: openApiSchema(RunView) })
  @ApiAcceptedResponse({ description: 'Queued or still running', schema: openApiSchema(RunView) })
  async start(
    @Param('key') key: string,
    @Body() body: StartRunDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunView> {
    const { run: started } = await this.runs.start(key, body as StartRunDto & { version: 'published' | 'draft' | number }, principal, 'api');
    const run = body.wait ? await this.runs.waitForEnd(started.id, body.wait, principal) : started;
    const finished = ['succeeded', 'failed', 'cancelled'].includes(run.status);
    res.status(finished ? 200 : 202);
    res.setHeader('Location', `/api/runs/${run.id}`);
    return run;
  }
}
