import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthResponse } from '@conflux/contracts';
import { HealthService } from './health.service';
import { openApiSchema } from '../common/openapi';
import { Public } from '../auth/decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Database reachable and migrations current: 200; otherwise 503 with the same body. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Healthy', schema: openApiSchema(HealthResponse) })
  @ApiServiceUnavailableResponse({ description: 'Database unreachable or migrations pending' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.check();
    if (result.status !== 'ok') res.status(503);
    return result;
  }
}
