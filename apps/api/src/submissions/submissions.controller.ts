import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PageQuery, Submission, SubmissionList, SubmitFormRequest, UserForm, UserFormList } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { SubmissionsService } from './submissions.service';

class PageQueryDto extends createZodDto(PageQuery) {}
class SubmitFormDto extends createZodDto(SubmitFormRequest) {}
/** `wait`: seconds (at most 30) to wait for the run to end before answering. */
class SubmitQueryDto extends createZodDto(z.object({ wait: z.coerce.number().min(0).max(30).optional() })) {}

/**
 * The end-user side, for users and admins alike: the forms granted to the caller and the
 * caller's own submissions. A form that is not granted, or a submission that is not the
 * caller's, is a 404.
 */
@ApiTags('my')
@Roles('admin', 'user')
@Controller('my')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get('forms')
  @ApiOkResponse({ schema: openApiSchema(UserFormList) })
  forms(@CurrentPrincipal() principal: Principal): Promise<{ items: UserForm[] }> {
    return this.submissions.myForms(principal);
  }

  @Get('forms/:id')
  @ApiOkResponse({ schema: openApiSchema(UserForm) })
  form(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<UserForm> {
    return this.submissions.myForm(id, principal);
  }

  /**
   * Submits the form: 202 with the submission (its URL in Location), or 200 when it ended
   * within `?wait=` seconds. A repeated idempotency key returns the submission it started.
   */
  @Post('forms/:id/submissions')
  @ApiOkResponse({ description: 'The run ended within `wait`', schema: openApiSchema(Submission) })
  @ApiAcceptedResponse({ description: 'Queued or still running', schema: openApiSchema(Submission) })
  async submit(
    @Param('id', uuidParam()) id: string,
    @Body() body: SubmitFormDto,
    @Query() query: SubmitQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Submission> {
    const { submission: started } = await this.submissions.submit(id, body, principal);
    const submission = query.wait ? await this.submissions.waitForEnd(started.runId, query.wait, principal) : started;
    res.status(['succeeded', 'failed', 'cancelled'].includes(submission.status) && query.wait ? 200 : 202);
    res.setHeader('Location', `/api/my/submissions/${submission.runId}`);
    return submission;
  }

  @Get('submissions')
  @ApiOkResponse({ schema: openApiSchema(SubmissionList) })
  list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<z.infer<typeof SubmissionList>> {
    return this.submissions.list(query, principal);
  }

  @Get('submissions/:runId')
  @ApiOkResponse({ schema: openApiSchema(Submission) })
  get(@Param('runId', uuidParam('runId')) runId: string, @CurrentPrincipal() principal: Principal): Promise<Submission> {
    return this.submissions.get(runId, principal);
  }

  /** Server-sent events: `submission` events (a whole Submission) as it changes, then `end`. */
  @Get('submissions/:runId/events')
  @ApiProduces('text/event-stream')
  async events(
    @Param('runId', uuidParam('runId')) runId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.submissions.get(runId, principal); // 404 before the stream starts
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    try {
      for await (const submission of this.submissions.stream(runId, principal, abort.signal)) {
        res.write(`event: submission\ndata: ${JSON.stringify(submission)}\n\n`);
      }
      res.write('event: end\ndata: {}\n\n');
    } finally {
      res.end();
    }
  }
}
