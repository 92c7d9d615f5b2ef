import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm, type FieldErrors } from '../common/form';
import { redirectAfterPost, renderView } from '../common/htmx';
import { securityEvent } from '../common/security-events';
import type { SessionUser } from '../common/session-user';
import { SessionLifetime } from '../common/session-lifetime';
import { AccountService, type AccountFailure } from './account.service';
import { ChangePasswordDto, ProfileDto, toProfileFields } from './dto/profile.dto';
import { publicProfileUrl } from './public-profile';
import { UsersService } from './users.service';

/** The signed-in user's own pages. */
@Controller()
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly users: UsersService,
    private readonly lifetime: SessionLifetime,
  ) {}

  @Get('account')
  home(@Req() req: Request, @Res() res: Response): void {
    renderView(req, res, { page: 'users/account', data: { title: 'Your account' } });
  }

  @Get('profile')
  async profile(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    await this.renderProfile(req, res, user, {});
  }

  @Post('profile')
  async saveProfile(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Body() body: unknown) {
    const form = await validateForm(ProfileDto, body);
    if (!form.valid) return this.renderProfile(req, res, user, { profile: form }, 422, 'users/_profile_form');
    const result = await this.account.updateProfile(user.id, toProfileFields(form.value));
    if (!result.ok) {
      const status = throttledStatus(res, result);
      if (status === 429) securityEvent(req, 'password.throttled');
      return this.renderProfile(req, res, user, { profile: { values: form.values, errors: result.errors } }, status, 'users/_profile_form');
    }
    flash(req, 'success', 'Your profile has been saved.');
    redirectAfterPost(req, res, '/profile');
  }

  @Post('profile/password')
  async changePassword(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser, @Body() body: unknown) {
    const form = await validateForm(ChangePasswordDto, body);
    if (!form.valid) return this.renderProfile(req, res, user, { password: form }, 422, 'users/_password_form');
    const result = await this.account.changePassword(user.id, req.sessionID, form.value);
    if (!result.ok) {
      const status = throttledStatus(res, result);
      if (status === 429) securityEvent(req, 'password.throttled');
      return this.renderProfile(req, res, user, { password: { errors: result.errors } }, status, 'users/_password_form');
    }
    securityEvent(req, 'password.changed', { userId: user.id });
    await continueSession(req, user, result.sessionVersion);
    this.lifetime.continued(req);
    flash(req, 'success', 'Your password has been changed. Your other sessions have been signed out.');
    redirectAfterPost(req, res, '/profile');
  }

  @Post('profile/sessions/sign-out-others')
  async signOutOthers(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser) {
    const { sessionVersion, ended } = await this.account.signOutOtherSessions(user.id, req.sessionID);
    securityEvent(req, 'sessions.ended', { ended });
    await continueSession(req, user, sessionVersion);
    this.lifetime.continued(req);
    flash(req, 'success', 'Your other sessions have been signed out.');
    redirectAfterPost(req, res, '/profile');
  }

  private async renderProfile(
    req: Request,
    res: Response,
    user: SessionUser,
    forms: { profile?: { values?: Record<string, unknown>; errors?: FieldErrors }; password?: { errors?: FieldErrors } },
    status = 200,
    fragment?: string,
  ): Promise<void> {
    const stored = await this.users.findById(user.id);
    const data = {
      title: 'Profile',
      member: { username: user.username, email: user.email, roles: user.roles, since: stored?.created },
      // The form as saved, or as typed when it comes back with an error (the checkbox: "on" or absent).
      profile: {
        values: { username: user.username, email: user.email, isPublic: stored?.isPublic ?? false },
        errors: {},
        ...forms.profile,
        publicUrl: publicProfileUrl(user.username),
      },
      password: { errors: {}, ...forms.password },
    };
    const fragmentData = fragment === 'users/_password_form' ? data.password : data.profile;
    renderView(req, res, { page: 'users/profile', fragment, status, data, fragmentData });
  }
}

/** 429 (with Retry-After) when the password checks were throttled, else 422. */
function throttledStatus(res: Response, failure: AccountFailure): number {
  if (failure.retryAfterSeconds === undefined) return 422;
  res.set('Retry-After', String(failure.retryAfterSeconds));
  return 429;
}

/**
 * This session stays signed in, under a new id (passport regenerates it), with the new session
 * version that the ended sessions no longer match. Its log-in time is kept (keepSessionInfo),
 * so the absolute lifetime still counts from the real log-in.
 */
function continueSession(req: Request, user: SessionUser, sessionVersion: number): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    req.login({ ...user, sessionVersion }, { session: true, keepSessionInfo: true }, (error) => (error ? reject(error) : resolve())),
  );
}
