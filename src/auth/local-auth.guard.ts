import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { SessionLifetime } from '../common/session-lifetime';

/**
 * Runs passport-local and, on success, starts the session (passport regenerates the session
 * id, so a planted id is worthless). A failed log-in is not an exception: the route renders
 * the login page again with the reason.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  constructor(private readonly lifetime: SessionLifetime) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<Request>();
    if (request.user) {
      await super.logIn(request);
      this.lifetime.started(request);
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser | null {
    if (error) throw error;
    return user || null;
  }
}
