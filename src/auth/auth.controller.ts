import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm, type FieldErrors } from '../common/form';
import { firstString } from '../common/form-fields';
import { clientRedirect, renderView, respondLater } from '../common/htmx';
import { safeNextPath } from '../common/next-path';
import { securityEvent } from '../common/security-events';
import { waitText } from '../common/throttle';
import type { SessionUser } from '../common/session-user';
import { SESSION_COOKIE } from '../app.constants';
import { RegisterDto } from '../users/dto/register.dto';
import { UsersService } from '../users/users.service';
import { LocalAuthGuard } from './local-auth.guard';
import { AvailabilityService } from './availability.service';
import { AuthThrottles } from './auth-throttles.service';
import { SESSION_EXPIRED, SessionLifetime } from '../common/session-lifetime';

const LOGGED_OUT = 'You have been logged out.';

@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly availability: AvailabilityService,
    private readonly throttles: AuthThrottles,
    private readonly lifetime: SessionLifetime,
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
    if (!form.valid) {
      // Every message at once: a taken username or email shows beside a password mismatch too.
      const taken = await this.users.findTaken({
        username: form.errors.username ? undefined : form.values.username?.trim(),
        email: form.errors.email ? undefined : form.values.email?.trim(),
      });
      return renderRegister(req, res, { values: form.values, errors: { ...taken, ...form.errors } }, 422);
    }
    const gate = await this.throttles.admitRegistration(req.ip);
    if (!gate.allowed) {
      securityEvent(req, 'registration.throttled', { identifier: form.value.username });
      res.set('Retry-After', String(gate.retryAfterSeconds));
      const formError = `Too many new accounts from your network. Please try again in ${waitText(gate.retryAfterSeconds)}.`;
      return renderRegister(req, res, { values: form.values, formError }, 429);
    }
    const result = await this.users.register(form.value);
    if (!result.ok) return renderRegister(req, res, { values: form.values, errors: result.errors }, 422);
    const user = await this.users.toSessionUser(result.user);
    securityEvent(req, 'registration', { userId: user.id, username: user.username });
    await logIn(req, user);
    this.lifetime.started(req);
    flash(req, 'success', 'Your account is ready.');
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
    const gate = asked ? await this.throttles.admitAvailabilityCheck(req.ip) : { allowed: true as const };
    let answer;
    if (!gate.allowed) {
      res.set('Retry-After', String(gate.retryAfterSeconds));
      answer = { available: false, message: `Too many checks. Please try again in ${waitText(gate.retryAfterSeconds)}.` };
    } else if (asked) {
      answer = await this.availability.check(fields, (req.user as SessionUser | undefined)?.id);
    }
    renderView(req, res, {
      status: gate.allowed ? 200 : 429,
      page: 'auth/availability',
      fragment: 'auth/_availability',
      data: { ...answer, asked, values: fields, title: 'Is it free?' },
    });
  }

  @Public()
  @Get('login')
  loginForm(
    @Req() req: Request,
    @Res() res: Response,
    @Query('next') next: unknown,
    @Query('logged_out') loggedOut: unknown,
    @Query('expired') expired: unknown,
  ): void {
    if (req.user) return res.redirect(303, safeNextPath(next) ?? '/account');
    const notice = expired !== undefined ? SESSION_EXPIRED : loggedOut !== undefined ? LOGGED_OUT : undefined;
    renderLogin(req, res, { next: safeNextPath(next), notice });
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): void {
    const identifier = typeof body.identifier === 'string' ? body.identifier.trim() : '';
    const next = safeNextPath(body.next);
    if (req.user) {
      flash(req, 'success', 'You are logged in.');
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
      const formError = `Too many failed attempts. Please try again in ${waitText(failure.retryAfterSeconds)}.`;
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
    if (req.user) securityEvent(req, 'logout');
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

function renderRegister(
  req: Request,
  res: Response,
  data: { values?: object; errors?: FieldErrors; formError?: string },
  status = 200,
) {
  renderView(req, res, { page: 'auth/register', fragment: 'auth/_register_form', status, data: { title: 'Register', values: {}, ...data } });
}

function renderLogin(req: Request, res: Response, data: Record<string, unknown>, status = 200) {
  renderView(req, res, { page: 'auth/login', fragment: 'auth/_login_form', status, data: { title: 'Log in', values: {}, ...data } });
}

/** passport's req.login regenerates the session id (no fixation) before storing the user. */
function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (error) => (error ? reject(error) : resolve())));
}

