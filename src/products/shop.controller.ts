import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators';
import { renderView } from '../common/htmx';

@Controller('shop')
export class ShopController {
  /** The catalog arrives with the catalog issue; until then the shop says it is empty. */
  @Public()
  @Get()
  index(@Req() req: Request, @Res() res: Response): void {
    renderView(req, res, { page: 'shop/index', data: { title: 'Shop' } });
  }
}
