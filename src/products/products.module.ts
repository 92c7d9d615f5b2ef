import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AdminProductsController } from './admin-products.controller';
import { DemoCatalogService } from './demo-catalog.service';
import { ImageStore } from './images/image-store';
import { ImagesController } from './images/images.controller';
import { PostgresImageStore } from './images/postgres-image-store';
import { ProductImagesService } from './images/product-images.service';
import { OutOfStockMiddleware } from './out-of-stock.middleware';
import { ProductCsvController } from './import/product-csv.controller';
import { ProductImportService } from './import/product-import.service';
import { ProductPageService } from './product-page.service';
import { ProductsService } from './products.service';
import { ShopController } from './shop.controller';
import { ReviewsModule } from '../reviews/reviews.module';

@Module({
  // The product's page shows its reviews (the reviews module imports no feature module back).
  imports: [ReviewsModule],
  // The CSV routes first: `/admin/products/import` must not be read as a product id.
  controllers: [ProductCsvController, ShopController, AdminProductsController, ImagesController],
  providers: [
    ProductsService,
    ProductPageService,
    ProductImagesService,
    ProductImportService,
    DemoCatalogService,
    { provide: ImageStore, useClass: PostgresImageStore },
  ],
  exports: [ProductsService, ProductImagesService, ProductPageService],
})
export class ProductsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(OutOfStockMiddleware).forRoutes('*');
  }
}
