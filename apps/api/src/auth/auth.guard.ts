import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CSRF_HEADER, SESSION_COOKIE, type Role } from '@conflux/contracts';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { SessionsService } from './sessions.service';
import { constantTimeEqual } from './secrets';
import type { Principal } from './principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate in front of every route (registered as APP_GUARD): who is asking (API token
 * or session cookie), is the route public, may this role call it, and for cookie-authenticated
 * writes, does the request carry the session's CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;

    const principal = await this.authenticate(request);
    if (principal) request.principal = principal;
    if (isPublic) return true;
    if (!principal) throw new UnauthorizedException('Sign in to continue.');

    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.header(CSRF_HEADER);
      if (!sent || !constantTimeEqual(sent, principal.csrfToken!)) {
        throw new ForbiddenException('Missing or invalid CSRF token: send the session csrfToken in X-CSRF-Token.');
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!roles.includes(principal.user.role)) throw new ForbiddenException('You do not have access to this.');
    return true;
  }

  private async authenticate(request: Request): Promise<Principal | null> {
    const authorization = request.header('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('Use Authorization: Bearer <API token>.');
      const principal = await this.sessions.fromApiToken(token);
      // A bad token is an error even on public routes: automation must learn it is misconfigured.
      if (!principal) throw new UnauthorizedException('The API token is invalid or revoked.');
      return principal;
    }
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    return cookie ? this.sessions.fromCookie(cookie) : null;
  }
}
