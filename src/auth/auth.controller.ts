import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm, type FieldErrors } from '../common/form';
import { firstString } from '../common/form-fields';
import { clientRedirect, renderView, respondLater } from '../common/htmx';
import { safeNextPath } from '../common/next-path';
import type { SessionUser } from '../common/session-user';
import { SESSION_COOKIE } from '../app.constants';
import { RegisterDto } from '../users/dto/register.dto';
import { UsersService } from '../users/users.service';
import { LocalAuthGuard } from './local-auth.guard';
import { AvailabilityService } from './availability.service';

const LOGGED_OUT = 'You have been logged out.';

@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly availability: AvailabilityService,
  ) {}

  @Public()
  @Get('register')
  registerForm(@Req() req: Request, @Res() res: Response): void {
    if (req.user) return res.redirect(303, '/account');
    renderRegister(req, res, {});
  }

  @Public()
  @Post('register')
  async register(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = await validateForm(RegisterDto, body);
    if (!form.valid) return renderRegister(req, res, { values: form.values, errors: form.errors }, 422);
    const result = await this.users.register(form.value);
    if (!result.ok) return renderRegister(req, res, { values: form.values, errors: result.errors }, 422);
    const user = await this.users.toSessionUser(result.user);
    await logIn(req, user);
    flash(req, 'success', `Welcome, ${user.username}! Your account is ready.`);
    // A full page load: the new identity needs a new page shell (navigation, CSRF header).
    clientRedirect(req, res, '/account');
  }

  /** The inline check beside Username and Email (htmx asks when the field is left). */
  @Public()
  @Get('register/availability')
  async checkAvailability(
    @Req() req: Request,
    @Res() res: Response,
    @Query('username') username: unknown,
    @Query('email') email: unknown,
  ): Promise<void> {
    const fields = { username: firstString(username), email: firstString(email) };
    const asked = fields.username !== undefined || fields.email !== undefined;
    const answer = asked ? await this.availability.check(fields, (req.user as SessionUser | undefined)?.id) : undefined;
    renderView(req, res, {
      page: 'auth/availability',
      fragment: 'auth/_availability',
      data: { ...answer, asked, values: fields, title: 'Is it free?' },
    });
  }

  @Public()
  @Get('login')
  loginForm(@Req() req: Request, @Res() res: Response, @Query('next') next: unknown, @Query('logged_out') loggedOut: unknown): void {
    if (req.user) return res.redirect(303, safeNextPath(next) ?? '/account');
    renderLogin(req, res, { next: safeNextPath(next), notice: loggedOut !== undefined ? LOGGED_OUT : undefined });
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): void {
    const identifier = typeof body.identifier === 'string' ? body.identifier.trim() : '';
    const next = safeNextPath(body.next);
    if (req.user) {
      flash(req, 'success', `Welcome back, ${(req.user as SessionUser).username}.`);
      return clientRedirect(req, res, next ?? '/account');
    }
    const values = { identifier };
    const failure = req.loginFailure;
    if (!failure) {
      // passport-local stops before our check when a field is empty.
      const errors: FieldErrors = {};
      if (!identifier) errors.identifier = 'Enter your username or email.';
      if (!(typeof body.password === 'string' && body.password)) errors.password = 'Enter your password.';
      return renderLogin(req, res, { values, errors, next }, 422);
    }
    if (failure.reason === 'throttled') {
      const minutes = Math.ceil(failure.retryAfterSeconds / 60);
      const formError = `Too many failed attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
      res.set('Retry-After', String(failure.retryAfterSeconds));
      return renderLogin(req, res, { values, formError, next }, 429);
    }
    const errors: FieldErrors =
      failure.reason === 'unknown-account'
        ? { identifier: 'We know no account with that username or email.' }
        : { password: 'That password is not right. Please try again.' };
    renderLogin(req, res, { values, errors, next }, 422);
  }

  /** Ends the session on the server and forgets the cookie; the old cookie opens nothing. */
  @Public()
  @Post('logout')
  logout(@Req() req: Request, @Res() res: Response): void {
    req.logout({ keepSessionInfo: false }, () => {
      // Whatever logout reported, the session is destroyed below: that is what signs out.
      req.session.destroy(() =>
        respondLater(req, () => {
          res.clearCookie(SESSION_COOKIE, { path: '/' });
          clientRedirect(req, res, '/login?logged_out=1');
        }),
      );
    });
  }
}

function renderRegister(req: Request, res: Response, data: { values?: object; errors?: FieldErrors }, status = 200) {
  renderView(req, res, { page: 'auth/register', fragment: 'auth/_register_form', status, data: { title: 'Register', values: {}, ...data } });
}

function renderLogin(req: Request, res: Response, data: Record<string, unknown>, status = 200) {
  renderView(req, res, { page: 'auth/login', fragment: 'auth/_login_form', status, data: { title: 'Log in', values: {}, ...data } });
}

/** passport's req.login regenerates the session id (no fixation) before storing the user. */
function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (error) => (error ? reject(error) : resolve())));
}

