import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { ChangePasswordRequest, LoginRequest, SESSION_COOKIE, SessionResponse } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { InjectSettings } from '../config/settings.module';
import type { Settings } from '../config/settings';
import { AuthService, TooManyAttemptsException } from './auth.service';
import { CurrentPrincipal, Public, Roles } from './decorators';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

class LoginDto extends createZodDto(LoginRequest) {}
class ChangePasswordDto extends createZodDto(ChangePasswordRequest) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  /** Signs in with email and password; sets the httpOnly session cookie. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(SessionResponse) })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    try {
      const { token, session } = await this.auth.login(body, { ip: req.ip ?? 'unknown', userAgent: req.header('user-agent') });
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.settings.auth.cookieSecure,
        path: '/',
        expires: session.expiresAt,
      });
      const principal = (await this.sessions.fromCookie(token))!;
      return toSessionResponse(principal);
    } catch (error) {
      if (error instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /** The signed-in user and the CSRF token for cookie-authenticated writes. */
  @Roles('admin', 'user')
  @Get('session')
  @ApiOkResponse({ schema: openApiSchema(SessionResponse) })
  session(@CurrentPrincipal() principal: Principal): SessionResponse {
    return toSessionResponse(principal);
  }

  @Roles('admin', 'user')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (principal.sessionId) await this.sessions.revoke(principal.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.settings.auth.cookieSecure });
  }

  @Roles('admin', 'user')
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(principal, body);
  }
}

function toSessionResponse(principal: Principal): SessionResponse {
  return {
    user: principal.user,
    // API-token callers have no session; they need no CSRF token either.
    csrfToken: principal.csrfToken ?? '',
    expiresAt: (principal.expiresAt ?? new Date(0)).toISOString(),
  };
}
