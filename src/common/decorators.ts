import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { RoleName } from '../roles/role.entity';
import type { SessionUser } from './session-user';

export const IS_PUBLIC = 'shop:isPublic';
export const ROLES = 'shop:roles';

/** Opens a route to everyone; without it the global guard requires a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Narrows a route to users holding any one of these (active) roles. */
export const Roles = (...roles: RoleName[]) => SetMetadata(ROLES, roles);

/** The signed-in user as kept in the session, or undefined on a public route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): SessionUser | undefined =>
    ctx.switchToHttp().getRequest<Request>().user as SessionUser | undefined,
);
