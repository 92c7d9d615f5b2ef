import { Module } from '@nestjs/common';
import { RolesModule } from '../roles/roles.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersQuery } from './admin-users.query';
import { FirstAdminService } from './first-admin.service';
import { PasswordCheckThrottle } from './password-check-throttle.service';
import { PublicProfileController } from './public-profile.controller';
import { PublicProfileService } from './public-profile.service';
import { ProfileReviewsQuery } from '../reviews/profile-reviews.query';
import { RoleGrantsService } from './role-grants.service';
import { UserSessionsService } from './user-sessions.service';
import { UsersService } from './users.service';

@Module({
  imports: [RolesModule],
  controllers: [AccountController, AdminUsersController, PublicProfileController],
  providers: [
    UsersService,
    AccountService,
    RoleGrantsService,
    UserSessionsService,
    FirstAdminService,
    AdminUsersQuery,
    PasswordCheckThrottle,
    PublicProfileService,
    // The reviews feature's read of one user's reviews; provided here, where its one page lives.
    ProfileReviewsQuery,
  ],
  exports: [UsersService, UserSessionsService],
})
export class UsersModule {}
