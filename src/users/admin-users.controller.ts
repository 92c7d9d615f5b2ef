import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/decorators';
import { flash } from '../common/flash';
import { queryText } from '../common/form-fields';
import { IdPipe } from '../common/id.pipe';
import { pageNav, readPage } from '../common/pagination';
import { redirectAfterPost, renderView, wantsFragment } from '../common/htmx';
import type { SessionUser } from '../common/session-user';
import { isRoleName } from '../roles/roles.service';
import { AdminUsersQuery, USERS_PER_PAGE } from './admin-users.query';
import { RoleGrantsService } from './role-grants.service';

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
  async list(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const search = queryText(query.q, 254);
    const page = await this.usersQuery.page(readPage(query, USERS_PER_PAGE), search);
    const data = { title: 'Users and roles', q: search, rows: page.rows, nav: pageNav(req, page) };
    renderView(req, res, { page: 'users/admin-users', data });
  }

  @Post(':id/roles')
  async setRole(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() me: SessionUser,
    @Param('id', IdPipe) id: number,
    @Body() body: { role?: unknown; action?: unknown },
  ): Promise<void> {
    const role = typeof body.role === 'string' && isRoleName(body.role) ? body.role : undefined;
    if (!role || (body.action !== 'grant' && body.action !== 'revoke')) throw new NotFoundException();
    const result = await this.grants.setRole(id, role, body.action === 'grant');
    if (!result.ok && result.reason === 'not-found') throw new NotFoundException();
    const message = result.ok ? `${body.action === 'grant' ? 'Granted' : 'Revoked'} ${role} for ${result.username}.` : LAST_ADMIN;
    // An admin who just stepped down may no longer see this page.
    const steppedDown = result.ok && id === me.id && role === 'admin' && body.action === 'revoke';

    if (wantsFragment(req) && !steppedDown) {
      const row = await this.usersQuery.row(id);
      if (!row) throw new NotFoundException();
      renderView(req, res, {
        page: 'users/admin-users',
        fragment: 'users/_user_row',
        status: result.ok ? 200 : 409,
        data: { ...row, message, messageKind: result.ok ? 'success' : 'error' },
      });
      return;
    }
    flash(req, result.ok ? 'success' : 'error', message);
    redirectAfterPost(req, res, steppedDown ? '/account' : '/admin/users');
  }
}
