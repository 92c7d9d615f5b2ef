import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ProductsModule } from '../products/products.module';
import { CartCountInterceptor } from './cart-count.interceptor';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';

@Module({
  imports: [ProductsModule],
  controllers: [CartController],
  providers: [CartService, { provide: APP_INTERCEPTOR, useClass: CartCountInterceptor }],
  exports: [CartService],
})
export class CartModule {}
