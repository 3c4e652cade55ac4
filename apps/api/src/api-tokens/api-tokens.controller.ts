import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ApiTokenList, CreateApiTokenRequest, CreatedApiToken } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiTokensService } from './api-tokens.service';

class CreateApiTokenDto extends createZodDto(CreateApiTokenRequest) {}

/** Admin-only (the default of the auth guard). */
@ApiTags('api-tokens')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(ApiTokenList) })
  list(@CurrentPrincipal() owner: Principal): Promise<ApiTokenList> {
    return this.tokens.list(owner);
  }

  /** The answer holds the token itself, the only time it is shown. */
  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(CreatedApiToken) })
  create(@CurrentPrincipal() owner: Principal, @Body() body: CreateApiTokenDto): Promise<CreatedApiToken> {
    return this.tokens.create(owner, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  revoke(@CurrentPrincipal() owner: Principal, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.tokens.revoke(owner, id);
  }
}
