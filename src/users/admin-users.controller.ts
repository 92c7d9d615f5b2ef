import { Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, Body } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/decorators';
import { flash } from '../common/flash';
import { redirectAfterPost, renderView, wantsFragment } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { isRoleName } from '../roles/roles.service';
import { RoleGrantsService } from './role-grants.service';
import { UserSessionsService } from './user-sessions.service';
import { AdminUsersQuery, type UserRow } from './admin-users.query';

const LAST_ADMIN = 'The shop needs at least one admin: grant admin to someone else first.';

/** /admin/users: who has which role, with buttons to grant and revoke. Admins only. */
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly grants: RoleGrantsService,
    private readonly usersQuery: AdminUsersQuery,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query('page') page: unknown): Promise<void> {
    const listing = await this.usersQuery.page(Number(page) || 1);
    renderView(req, res, { page: 'users/admin-users', data: { title: 'Users and roles', ...listing } });
  }

  @Post(':id/roles')
  async setRole(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() me: SessionUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: { role?: unknown; action?: unknown },
  ): Promise<void> {
    const role = typeof body.role === 'string' && isRoleName(body.role) ? body.role : undefined;
    if (!role || (body.action !== 'grant' && body.action !== 'revoke')) throw new NotFoundException();
    const result = await this.grants.setRole(id, role, body.action === 'grant');
    if (!result.ok && result.reason === 'not-found') throw new NotFoundException();
    UserSessionsService.updateCurrent(req, result.user);
    const message = result.ok ? `${body.action === 'grant' ? 'Granted' : 'Revoked'} ${role} for ${result.user.username}.` : LAST_ADMIN;

    if (wantsFragment(req)) {
      const row: UserRow = await this.usersQuery.row(id);
      renderView(req, res, {
        page: 'users/admin-users',
        fragment: 'users/_user_row',
        status: result.ok ? 200 : 409,
        data: { ...row, message, messageKind: result.ok ? 'success' : 'error', me },
      });
      return;
    }
    flash(req, result.ok ? 'success' : 'error', message);
    redirectAfterPost(req, res, '/admin/users');
  }
}
