import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RoleName } from '../roles/role.entity';
import { IS_PUBLIC, ROLES } from './decorators';
import { LoginRequiredException } from './login-required.exception';
import { hasRole, type SessionUser } from './session-user';

/**
 * The one global guard, deciding who may reach a route: deny by default. A signed-out visitor
 * is sent to log in; `@Public()` opens a route to everyone; `@Roles(...)` narrows a signed-in
 * route to any of the roles named.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const user = request.user as SessionUser | undefined;
    if (!user) throw new LoginRequiredException(request.originalUrl);

    const roles = this.reflector.getAllAndOverride<RoleName[] | undefined>(ROLES, targets);
    if (roles && !roles.some((role) => hasRole(user, role))) {
      throw new ForbiddenException('You do not have permission to see this page.');
    }
    return true;
  }
}
