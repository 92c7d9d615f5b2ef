import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators';
import { flash } from '../common/flash';
import { validateForm, type FieldErrors } from '../common/form';
import { clientRedirect, renderView } from '../common/htmx';
import { ForgotPasswordDto } from './dto/forgot-password.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { PasswordResetService } from './password-reset.service';

export const RESET_DONE = 'Your password was changed. Please log in.';

/** /password/forgot asks for a link by mail; /password/reset/:token uses it. */
@Controller('password')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Public()
  @Get('forgot')
  forgotForm(@Req() req: Request, @Res() res: Response): void {
    renderForgot(req, res, {});
  }

  /** The same answer for every valid email, known or not, throttled or not. */
  @Public()
  @Post('forgot')
  async forgot(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = await validateForm(ForgotPasswordDto, body);
    if (!form.valid) return renderForgot(req, res, { values: form.values, errors: form.errors }, 422);
    this.resets.requestReset(form.value.email, req, answered(res));
    renderForgot(req, res, { sent: true });
  }

  @Public()
  @Get('reset/:token')
  async resetForm(@Req() req: Request, @Res() res: Response, @Param('token') token: string): Promise<void> {
    if (!(await this.resets.isUsable(token))) return renderInvalid(req, res);
    renderReset(req, res, { token });
  }

  @Public()
  @Post('reset/:token')
  async reset(@Req() req: Request, @Res() res: Response, @Param('token') token: string, @Body() body: unknown): Promise<void> {
    const form = await validateForm(ResetPasswordDto, body);
    if (!form.valid) {
      if (!(await this.resets.isUsable(token))) return renderInvalid(req, res);
      return renderReset(req, res, { token, errors: form.errors }, 422);
    }
    const result = await this.resets.resetPassword(token, form.value.newPassword, req);
    if (!result.ok) return renderInvalid(req, res);
    flash(req, 'success', RESET_DONE);
    // A full page load for htmx too: the log-in page has its own shell.
    clientRedirect(req, res, '/login');
  }
}

/** Resolves when the answer has gone (or the client left): work after that cannot delay it. */
function answered(res: Response): Promise<void> {
  return new Promise((resolve) => res.once('close', () => resolve()));
}

function renderForgot(req: Request, res: Response, data: { values?: object; errors?: FieldErrors; sent?: boolean }, status = 200) {
  renderView(req, res, {
    page: 'password-reset/forgot',
    fragment: 'password-reset/_forgot_form',
    status,
    data: { title: 'Forgot password', values: {}, ...data },
  });
}

function renderReset(req: Request, res: Response, data: { token: string; errors?: FieldErrors }, status = 200) {
  // The address holds the token: never cached, never sent on as a referrer (helmet: no-referrer).
  res.set('Cache-Control', 'no-store');
  renderView(req, res, { page: 'password-reset/reset', fragment: 'password-reset/_reset_form', status, data: { title: 'Set a new password', ...data } });
}

/** Unknown, used and expired links look alike, so the page tells nothing about which it was. */
function renderInvalid(req: Request, res: Response) {
  res.set('Cache-Control', 'no-store');
  renderView(req, res, { page: 'password-reset/invalid', fragment: 'password-reset/_invalid', status: 404, data: { title: 'Link no longer valid' } });
}
