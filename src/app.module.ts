import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { AccessGuard } from './common/access.guard';
import { CommonModule } from './common/common.module';
import { ShopConfigModule } from './config/shop-config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { AuthModule } from './auth/auth.module';
import { CartModule } from './cart/cart.module';
import { OrdersModule } from './orders/orders.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import { RolesModule } from './roles/roles.module';
import { UsersModule } from './users/users.module';
import { ProductsModule } from './products/products.module';
import { HomeController } from './home.controller';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReviewsModule } from './reviews/reviews.module';

@Module({
  imports: [
    ShopConfigModule,
    LoggingModule,
    CommonModule,
    DatabaseModule,
    AuthModule,
    UsersModule,
    RolesModule,
    ProductsModule,
    CartModule,
    OrdersModule,
    PasswordResetModule,
    DashboardModule,
    ReviewsModule,
  ],
  controllers: [HomeController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
