import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { ResetMailer } from './reset-mailer.service';
import { ResetThrottleService } from './reset-throttle.service';
import { ResetTokensRepository } from './reset-tokens.repository';

@Module({
  imports: [UsersModule, AuthModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetService, ResetTokensRepository, ResetThrottleService, ResetMailer],
})
export class PasswordResetModule {}
