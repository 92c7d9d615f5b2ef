import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, Roles } from '../../common/decorators';
import { flash } from '../../common/flash';
import { redirectAfterPost, renderView } from '../../common/htmx';
import type { SessionUser } from '../../common/session-user';
import { ProductsService } from '../products.service';
import { parseStaffFilters } from '../staff-product-filters';
import { PRODUCT_COLUMNS, productRecord } from './product-csv';
import type { ProductRow } from '../product-rows';
import { ProductImportService, type ImportPreview } from './product-import.service';

/** How many rows of each kind a preview lists; the counts always cover them all. */
const PREVIEW_ROWS = 100;

/** Staff's catalog as a CSV file: the list's download, and an import with a preview. */
@Roles('admin', 'shop_owner')
@Controller('admin')
export class ProductCsvController {
  constructor(
    private readonly products: ProductsService,
    private readonly imports: ProductImportService,
  ) {}

  /** Every product the list's filters match (all pages), streamed row by row. */
  @Get('products.csv')
  async download(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const read = parseStaffFilters(query);
    if (!read.ok) {
      res.status(422).type('text/plain; charset=utf-8').send(`${Object.values(read.errors).join(' ')}\n`);
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.attachment('products.csv');
    const records = Readable.from(mapRows(this.products.everyMatch(read.filters)));
    await pipeline(records, stringify({ header: true, columns: [...PRODUCT_COLUMNS] }), res);
  }

  @Get('products/import')
  form(@Req() req: Request, @Res() res: Response): void {
    renderView(req, res, { page: 'products/import', fragment: 'products/_import', data: { title: 'Import CSV', errors: {} } });
  }

  @Post('products/import')
  async preview(@Req() req: Request, @Res() res: Response, @CurrentUser() user: SessionUser): Promise<void> {
    const file = req.file;
    const render = (status: number, data: Record<string, unknown>) =>
      renderView(req, res, { page: 'products/import', fragment: 'products/_import', status, data: { title: 'Import CSV', errors: {}, ...data } });
    if (req.uploadTooLarge) return render(422, { errors: { file: 'The file can be at most 5 MB: split it into smaller files.' } });
    if (!file) return render(422, { errors: { file: 'Choose a CSV file to import.' } });
    const result = await this.imports.preview(user.id, file.buffer);
    if (!result.ok) return render(422, { errors: { file: result.message } });
    render(result.preview.bad.length ? 422 : 200, { preview: shown(result.preview), fileName: file.originalname });
  }

  @Post('products/import/:id/apply')
  async apply(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @CurrentUser() user: SessionUser): Promise<void> {
    const result = await this.imports.apply(user.id, id);
    if (result.ok) {
      flash(req, 'success', `Import applied: ${result.added} added, ${result.updated} updated.`);
      return redirectAfterPost(req, res, '/admin/products');
    }
    const message =
      result.reason === 'gone'
        ? 'This preview has expired or was already applied. Nothing was written: upload the file again.'
        : `Nothing was written: someone changed the product on line${result.lines.length > 1 ? 's' : ''} ${result.lines.join(', ')} since the preview. Export again or upload the file again to see the current values.`;
    renderView(req, res, { page: 'products/import', fragment: 'products/_import', status: 409, data: { title: 'Import CSV', errors: {}, applyError: message } });
  }
}

async function* mapRows(products: AsyncIterable<ProductRow>) {
  for await (const product of products) yield productRecord(product);
}

function shown(preview: ImportPreview) {
  return {
    ...preview,
    addCount: preview.adds.length,
    updateCount: preview.updates.length,
    badCount: preview.bad.length,
    adds: preview.adds.slice(0, PREVIEW_ROWS),
    updates: preview.updates.slice(0, PREVIEW_ROWS),
    bad: preview.bad.slice(0, PREVIEW_ROWS),
    moreAdds: Math.max(0, preview.adds.length - PREVIEW_ROWS),
    moreUpdates: Math.max(0, preview.updates.length - PREVIEW_ROWS),
    moreBad: Math.max(0, preview.bad.length - PREVIEW_ROWS),
  };
}
