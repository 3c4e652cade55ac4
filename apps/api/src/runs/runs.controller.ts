import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { RunList, RunListQuery, RunView } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { RunsService } from './runs.service';

class RunListQueryDto extends createZodDto(RunListQuery) {}

/** Admins see every run; users see the runs they started. */
@ApiTags('runs')
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Roles('admin', 'user')
  @Get()
  @ApiOkResponse({ schema: openApiSchema(RunList) })
  list(@Query() query: RunListQueryDto, @CurrentPrincipal() principal: Principal): Promise<RunList> {
    return this.runs.list(query, principal);
  }

  @Roles('admin', 'user')
  @Get(':id')
  @ApiOkResponse({ schema: openApiSchema(RunView) })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<RunView> {
    return this.runs.get(id, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(RunView) })
  cancel(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<RunView> {
    return this.runs.cancel(id, principal);
  }

  /** Server-sent events: `run` and `step` events (RunEvent in contracts) until the run ends. */
  @Roles('admin', 'user')
  @Get(':id/events')
  @ApiProduces('text/event-stream')
  async events(
    @Param('id', uuidParam()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.runs.get(id, principal); // 404 before the stream starts
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    try {
      for await (const event of this.runs.stream(id, principal, abort.signal)) {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      }
      res.write('event: end\ndata: {}\n\n');
    } finally {
      res.end();
    }
  }
}
