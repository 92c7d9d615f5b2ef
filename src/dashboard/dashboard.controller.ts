import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/decorators';
import { renderView } from '../common/htmx';
import { DashboardService } from './dashboard.service';

/** The owner's dashboard. */
@Roles('admin', 'shop_owner')
@Controller('admin')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    renderView(req, res, { page: 'dashboard/index', data: { title: 'Dashboard', ...(await this.dashboard.dashboard()) } });
  }
}
