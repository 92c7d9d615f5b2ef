import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm, type FieldErrors } from '../common/form';
import { redirectAfterPost, renderView } from '../common/htmx';
import { securityEvent } from '../common/security-events';
import type { SessionUser } from '../common/session-user';
import { AccountService } from './account.service';
import { ChangePasswordDto, ProfileDto } from './dto/profile.dto';
import { UsersService } from './users.service';

/** The signed-in user's own pages. */
@Controller()
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly users: UsersService,
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
    const result = await this.account.updateProfile(user.id, form.value);
    if (!result.ok) {
      return this.renderProfile(req, res, user, { profile: { values: form.values, errors: result.errors } }, 422, 'users/_profile_form');
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
      return this.renderProfile(req, res, user, { password: { errors: result.errors } }, 422, 'users/_password_form');
    }
    securityEvent(req, 'password.changed', { userId: user.id });
    // This session stays signed in, under a new id (passport regenerates it), with the new
    // version that the others no longer match.
    await new Promise<void>((resolve, reject) =>
      req.login({ ...user, sessionVersion: result.sessionVersion }, (error) => (error ? reject(error) : resolve())),
    );
    flash(req, 'success', 'Your password has been changed. Your other sessions have been signed out.');
    redirectAfterPost(req, res, '/profile');
  }

  private async renderProfile(
    req: Request,
    res: Response,
    user: SessionUser,
    forms: { profile?: { values?: object; errors?: FieldErrors }; password?: { errors?: FieldErrors } },
    status = 200,
    fragment?: string,
  ): Promise<void> {
    const stored = await this.users.findById(user.id);
    const data = {
      title: 'Profile',
      member: { username: user.username, email: user.email, roles: user.roles, since: stored?.created },
      profile: { values: { username: user.username, email: user.email }, errors: {}, ...forms.profile },
      password: { errors: {}, ...forms.password },
    };
    const fragmentData = fragment === 'users/_password_form' ? data.password : data.profile;
    renderView(req, res, { page: 'users/profile', fragment, status, data, fragmentData });
  }
}
