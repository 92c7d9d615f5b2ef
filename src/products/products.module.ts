import { Module } from '@nestjs/common';
import { AdminProductsController } from './admin-products.controller';
import { DemoCatalogService } from './demo-catalog.service';
import { ProductsService } from './products.service';
import { ShopController } from './shop.controller';

@Module({
  controllers: [ShopController, AdminProductsController],
  providers: [ProductsService, DemoCatalogService],
  exports: [ProductsService],
})
export class ProductsModule {}
