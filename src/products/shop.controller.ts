import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '../common/decorators';
import { htmxTarget, renderView } from '../common/htmx';
import { IdPipe } from '../common/id.pipe';
import { pageNav, readPage } from '../common/pagination';
import { isStaff, type SessionUser } from '../common/session-user';
import { REVIEWS_PER_PAGE } from '../reviews/product-reviews.query';
import { ProductImagesService } from './images/product-images.service';
import { hasFilters, isUnknownCategory, parseFilters } from './product-filters';
import { ProductPageService } from './product-page.service';
import { PRODUCTS_PER_PAGE, ProductsService } from './products.service';

@Controller()
export class ShopController {
  constructor(
    private readonly products: ProductsService,
    private readonly images: ProductImagesService,
    private readonly productPage: ProductPageService,
  ) {}

  /** The shop: a GET form whose URL can be shared; htmx swaps only the results. */
  @Public()
  @Get('shop')
  async index(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const filters = parseFilters(query);
    const { page, categories, images } = await this.products.shopPage(filters, readPage(query, PRODUCTS_PER_PAGE));
    const data = {
      title: 'Shop',
      filters,
      categories,
      unknownCategory: isUnknownCategory(filters, categories),
      products: page.rows,
      images: await this.images.cards(page.rows.map((product) => product.id), 4, images),
      nav: pageNav(req, page),
      filtered: hasFilters(filters),
    };
    renderView(req, res, { page: 'shop/index', fragment: 'shop/_results', data });
  }

  /** A product's page with its reviews (`page` pages them; htmx swaps only the list). */
  @Public()
  @Get('products/:id')
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', IdPipe) id: number,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user?: SessionUser,
  ): Promise<void> {
    const viewer = { userId: user?.id, staff: isStaff(user) };
    const data = await this.productPage.data(id, viewer, readPage(query, REVIEWS_PER_PAGE), req.originalUrl);
    if (!data) throw new NotFoundException();
    // Only the reviews' page links ask for a fragment (the list); anything else gets the page.
    const fragment = htmxTarget(req) === 'review-list' ? 'reviews/_list' : undefined;
    renderView(req, res, { page: 'products/show', fragment, data, fragmentData: data.reviews });
  }
}
