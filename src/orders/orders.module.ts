import { Module } from '@nestjs/common';
import { CartModule } from '../cart/cart.module';
import { ProductsModule } from '../products/products.module';
import { AdminOrdersController } from './admin-orders.controller';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';
import { OrderHistoryQuery } from './order-history.query';
import { OrderStatusService } from './order-status.service';
import { OrdersController } from './orders.controller';
import { OrdersCsv } from './orders-csv';
import { OrdersService } from './orders.service';

@Module({
  imports: [CartModule, ProductsModule],
  controllers: [CheckoutController, OrdersController, AdminOrdersController],
  providers: [CheckoutService, OrdersService, OrderHistoryQuery, OrderStatusService, OrdersCsv],
  exports: [OrderHistoryQuery],
})
export class OrdersModule {}
