import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserList,
  UserListQuery,
  UserSummary,
  UserWithPassword,
} from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { UsersService } from './users.service';

class UserListQueryDto extends createZodDto(UserListQuery) {}
class CreateUserDto extends createZodDto(CreateUserRequest) {}
class UpdateUserDto extends createZodDto(UpdateUserRequest) {}
class ResetPasswordDto extends createZodDto(ResetPasswordRequest) {}

/** Admin-only (the default of the auth guard). */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(UserList) })
  list(@Query() query: UserListQueryDto): Promise<UserList> {
    return this.users.list(query);
  }

  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(UserWithPassword) })
  create(@Body() body: CreateUserDto): Promise<UserWithPassword> {
    return this.users.create(body as CreateUserDto & { role: 'admin' | 'user' });
  }

  @Patch(':id')
  @ApiOkResponse({ schema: openApiSchema(UserSummary) })
  update(
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<UserSummary> {
    return this.users.update(id, body, actor);
  }

  /** Sets a new password (generated when none is given) and signs the user out everywhere. */
  @Post(':id/password')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(UserWithPassword) })
  resetPassword(@Param('id', uuidParam()) id: string, @Body() body: ResetPasswordDto): Promise<UserWithPassword> {
    return this.users.resetPassword(id, body.password);
  }
}
