import { Injectable } from '@nestjs/common';
import type { PageRequest } from '../common/pagination';
import { ReviewsService, type ReviewsBlock } from '../reviews/reviews.service';
import { ProductImagesService } from './images/product-images.service';
import type { ProductRow } from './product-rows';
import { ProductsService } from './products.service';

export interface ProductPageViewer {
  userId?: number;
  staff: boolean;
}

/** Everything products/show.hbs needs: the product, its large picture and its reviews. */
export type ProductPageData = {
  title: string;
  product: ProductRow;
  image: Record<string, unknown>;
  reviews: ReviewsBlock;
};

/**
 * The product's page, whoever renders it: its own route, and the cart's refused Add to cart
 * without JavaScript (the page again, with the message beside Quantity), so both show the
 * same picture and reviews.
 */
@Injectable()
export class ProductPageService {
  constructor(
    private readonly products: ProductsService,
    private readonly images: ProductImagesService,
    private readonly reviews: ReviewsService,
  ) {}

  /**
   * Null when this viewer may not see the product (hidden ones exist only for staff).
   * `listUrl` is the URL whose query the reviews' page links keep: the product's page by default.
   */
  async data(id: number, viewer: ProductPageViewer, request: PageRequest, listUrl = `/products/${id}`): Promise<ProductPageData | null> {
    const found = await this.products.details(id, { staff: viewer.staff });
    if (!found) return null;
    const { product } = found;
    const [pictures, reviews] = await Promise.all([
      found.images ?? this.images.describe([product.id]).then((sets) => sets.get(product.id) ?? {}),
      this.reviews.productReviews(product.id, viewer, listUrl, request),
    ]);
    const large = pictures.large;
    return { title: product.name, product, image: { ...large, lazy: false }, reviews };
  }
}
