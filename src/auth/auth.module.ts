import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthThrottles } from './auth-throttles.service';
import { AvailabilityService } from './availability.service';
import { LocalStrategy } from './local.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { SessionSerializer } from './session.serializer';

@Module({
  imports: [PassportModule.register({ session: true }), UsersModule],
  controllers: [AuthController],
  providers: [AuthService, AuthThrottles, AvailabilityService, LocalStrategy, LoginThrottleService, SessionSerializer],
  // A password reset forgives the account's failed log-ins.
  exports: [LoginThrottleService],
})
export class AuthModule {}
