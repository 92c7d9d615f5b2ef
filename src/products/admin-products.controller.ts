import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/decorators';
import { flash } from '../common/flash';
import { IdPipe } from '../common/id.pipe';
import { pageNav, readPage } from '../common/pagination';
import { validateForm, type FieldErrors } from '../common/form';
import { isChecked } from '../common/form-fields';
import { redirectAfterPost, renderView, wantsFragment } from '../common/htmx';
import { InlineProductDto, ProductDto, toInlineFields, toProductFields } from './dto/product.dto';
import { productFormValues, type ProductFormValues } from './product-form';
import type { Product } from './product.entity';
import { ProductImagesService, type ImageView } from './images/product-images.service';
import { isUnknownCategory } from './product-filters';
import { PRODUCTS_PER_PAGE, ProductsService } from './products.service';
import { hasStaffFilters, parseStaffFilters } from './staff-product-filters';

const CONFLICT = 'Someone else changed this product while you were editing it. Nothing was saved: the current values are shown.';

/** Staff manage the catalog: the list with inline editing, and the add/edit form. */
@Roles('admin', 'shop_owner')
@Controller('admin/products')
export class AdminProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly images: ProductImagesService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const read = parseStaffFilters(query);
    const listing = read.ok ? await this.products.staffPage(read.filters, readPage(query, PRODUCTS_PER_PAGE)) : undefined;
    const categories = listing ? listing.categories : await this.products.categories({ visibleOnly: false });
    const common = {
      title: 'Products',
      filters: read.filters,
      typedMaxStock: read.typedMaxStock,
      categories,
      unknownCategory: isUnknownCategory(read.filters, categories),
      filtered: hasStaffFilters(read),
      csvQuery: csvQuery(req),
    };
    if (!read.ok) {
      // An unreadable filter never widens the list: its message, the other filters kept, no rows.
      const data = { ...common, errors: read.errors, refused: true, total: 0, rows: [] };
      return renderView(req, res, { page: 'products/admin-list', fragment: 'products/_admin_results', status: 422, data, fragmentData: { ...data, oob: true } });
    }
    const { page, images } = listing!;
    const thumbnails = await this.images.cards(page.rows.map((product) => product.id), 0, images);
    const data = {
      ...common,
      errors: {},
      total: page.total,
      more: page.more,
      rows: page.rows.map((product) => ({ product, image: thumbnails[product.id] })),
      nav: pageNav(req, page),
    };
    renderView(req, res, { page: 'products/admin-list', fragment: 'products/_admin_results', data, fragmentData: { ...data, oob: true } });
  }

  @Get('new')
  async newForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.renderForm(req, res, { values: { name: '', description: '', category: '', stock: '0', unitPrice: '', visible: true } });
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = await validateForm(ProductDto, body);
    const image = await this.images.prepare(uploadOf(req));
    if (!form.valid || !image.ok) {
      return this.renderForm(req, res, { values: typed(form.values), errors: formErrors(form, image) }, 422);
    }
    const product = await this.products.create(toProductFields(form.value), image.change);
    flash(req, 'success', `Added ${product.name}.`);
    redirectAfterPost(req, res, '/admin/products');
  }

  @Get(':id/edit')
  async editForm(@Req() req: Request, @Res() res: Response, @Param('id', IdPipe) id: number): Promise<void> {
    const product = await this.products.findForViewer(id, { staff: true });
    if (!product) throw new NotFoundException();
    await this.renderForm(req, res, { product, values: productFormValues(product), version: product.version });
  }

  @Post(':id')
  async update(@Req() req: Request, @Res() res: Response, @Param('id', IdPipe) id: number, @Body() body: Record<string, unknown>) {
    const version = Number(body?.version); // no fields at all: a multipart body nothing parsed
    const form = await validateForm(ProductDto, body);
    const existing = await this.products.findForViewer(id, { staff: true });
    if (!existing) throw new NotFoundException();
    const image = await this.images.prepare(uploadOf(req));
    if (!form.valid || !image.ok) {
      return this.renderForm(req, res, { product: existing, values: typed(form.values), errors: formErrors(form, image), version }, 422);
    }
    const result = await this.products.update(id, version, toProductFields(form.value), image.change);
    if (!result.ok && result.reason === 'not-found') throw new NotFoundException();
    if (!result.ok) {
      // Keep what this person typed, show what is there now, and base the next save on it.
      const current = productFormValues(result.current);
      return this.renderForm(
        req,
        res,
        { product: result.current, values: typed(form.values), current, conflict: CONFLICT, version: result.current.version },
        409,
      );
    }
    flash(req, 'success', `Saved ${result.product.name}.`);
    redirectAfterPost(req, res, '/admin/products');
  }

  /** Inline editing of one row: stock, price and visibility. htmx swaps just that row. */
  @Post(':id/inline')
  async inline(@Req() req: Request, @Res() res: Response, @Param('id', IdPipe) id: number, @Body() body: Record<string, unknown>) {
    const form = await validateForm(InlineProductDto, body);
    const existing = await this.products.findForViewer(id, { staff: true });
    if (!existing) throw new NotFoundException();
    if (!form.valid) return this.renderRow(req, res, existing, { errors: form.errors, typed: form.values }, 422);
    const result = await this.products.update(id, Number(body.version), toInlineFields(form.value));
    if (!result.ok && result.reason === 'not-found') throw new NotFoundException();
    if (!result.ok) return this.renderRow(req, res, result.current, { message: CONFLICT, messageKind: 'error' }, 409);
    return this.renderRow(req, res, result.product, { message: 'Saved.', messageKind: 'success' }, 200);
  }

  private async renderRow(
    req: Request,
    res: Response,
    product: Product,
    extra: { errors?: FieldErrors; typed?: Record<string, string>; message?: string; messageKind?: string },
    status: number,
  ): Promise<void> {
    if (!wantsFragment(req) && status === 200) {
      // Without JavaScript the row is a plain form: back to the list, with a message.
      flash(req, 'success', `${product.name}: ${extra.message ?? 'Saved.'}`);
      return redirectAfterPost(req, res, '/admin/products');
    }
    // A refused row comes back alone (for htmx) or on a page of its own, its messages beside it.
    const image = (await this.images.cards([product.id], 0))[product.id];
    renderView(req, res, { page: 'products/inline-edit', fragment: 'products/_admin_row', status, data: { title: product.name, product, image, ...extra } });
  }

  private async renderForm(
    req: Request,
    res: Response,
    data: { product?: Product; values: ProductFormValues; errors?: FieldErrors; version?: number; current?: ProductFormValues; conflict?: string },
    status = 200,
  ): Promise<void> {
    const categories = await this.products.categories({ visibleOnly: false });
    const title = data.product ? `Edit ${data.product.name}` : 'Add product';
    const image: ImageView | undefined = data.product ? (await this.images.cards([data.product.id], 1))[data.product.id] : undefined;
    const view = { title, categories, errors: {}, image, hasImage: !!image?.url, ...data };
    renderView(req, res, { page: 'products/form', fragment: 'products/_form', status, data: view });
  }
}

/** The list's filters for its **Download CSV** link: the same query, every page. */
function csvQuery(req: Request): string {
  const url = new URL(req.originalUrl, 'http://shop.invalid');
  url.searchParams.delete('page');
  const search = url.searchParams.toString();
  return search ? `?${search}` : '';
}

/** What the upload middleware read from the form's **Image** field and **Remove image** box. */
function uploadOf(req: Request) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return { file: req.file, tooLarge: req.uploadTooLarge, remove: typeof body.removeImage === 'string' && body.removeImage !== '' };
}

function formErrors(form: { valid: boolean; errors?: FieldErrors }, image: { ok: boolean; message?: string }): FieldErrors {
  return { ...(form.valid ? {} : form.errors), ...(image.ok ? {} : { image: image.message! }) };
}

/** Form values as typed, with the checkbox turned into a boolean for the template. */
function typed(values: Record<string, string>): ProductFormValues {
  return {
    name: values.name ?? '',
    description: values.description ?? '',
    category: values.category ?? '',
    stock: values.stock ?? '',
    unitPrice: values.unitPrice ?? '',
    visible: isChecked(values.visible),
    removeImage: isChecked(values.removeImage),
  };
}
