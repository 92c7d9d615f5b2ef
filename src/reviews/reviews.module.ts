import { Module } from '@nestjs/common';
import { ProductReviewsQuery } from './product-reviews.query';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/**
 * Ratings and reviews. It reads products, orders and users but imports no feature module, so
 * the products module can import it for the product's page (its reviews block).
 */
@Module({
  controllers: [ReviewsController],
  providers: [ReviewsService, ProductReviewsQuery],
  exports: [ReviewsService],
})
export class ReviewsModule {}
