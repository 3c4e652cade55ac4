import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@conflux/contracts';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'conflux:public';
export const ROLES_KEY = 'conflux:roles';

/** Reachable without signing in (health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Which roles may call a route. Routes without it are admin-only: forgetting the
 * decorator can only make a route stricter, never open it to users.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<Request>();
  return request.principal!;
});
