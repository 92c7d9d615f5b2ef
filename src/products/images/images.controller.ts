import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '../../common/decorators';
import { isStaff, type SessionUser } from '../../common/session-user';
import { ProductImagesService } from './product-images.service';

const YEAR_S = 31_536_000;

/** Pictures by content hash: a new picture is a new URL, so each URL can be cached forever. */
@Controller('images')
export class ImagesController {
  constructor(private readonly images: ProductImagesService) {}

  @Public()
  @Get(':file')
  async show(@Req() req: Request, @Res() res: Response, @Param('file') name: string, @CurrentUser() user?: SessionUser): Promise<void> {
    const hash = /^([0-9a-f]{64})\.webp$/.exec(name)?.[1];
    const file = hash ? await this.images.file(hash, { staff: isStaff(user) }) : null;
    if (!file) throw new NotFoundException();
    const etag = `"${file.hash}"`;
    // A hidden product's picture is for staff only: no shared cache may keep it.
    res.set('Cache-Control', `${file.visible ? 'public' : 'private'}, max-age=${YEAR_S}, immutable`);
    res.set('ETag', etag);
    res.set('X-Content-Type-Options', 'nosniff');
    if (req.get('If-None-Match') === etag) {
      res.status(304).end();
      return;
    }
    res.type(file.contentType).send(file.bytes);
  }
}
