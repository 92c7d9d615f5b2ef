import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ProductsModule } from '../products/products.module';
import { CartCountMiddleware } from './cart-count.middleware';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';

@Module({
  imports: [ProductsModule],
  controllers: [CartController],
  providers: [CartService],
  exports: [CartService],
})
export class CartModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CartCountMiddleware).forRoutes('*');
  }
}
