import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserSessionsService } from './user-sessions.service';
import type { SessionUser } from '../common/session-user';
import { User } from './user.entity';
import type { RoleName } from '../roles/role.entity';
import { RolesService } from '../roles/roles.service';

export type GrantResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'last-admin'; user: SessionUser };

/** Granting and revoking roles (the /admin/users use case). */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
    private readonly sessions: UserSessionsService,
  ) {}

  /**
   * One transaction: lock the role, check the last-admin rule, write the grant, and rewrite the
   * user's sessions so the change takes effect on their next request.
   */
  async setRole(userId: number, roleName: RoleName, active: boolean): Promise<GrantResult> {
    return this.em.transactional(async () => {
      const user = await this.em.findOne(User, userId);
      if (!user) return { ok: false as const, reason: 'not-found' as const };
      // Two admins revoking each other at once must not leave the shop without one.
      await this.roles.lockRole(roleName);
      const held = await this.roles.activeRoleNames(userId);
      if (!active && roleName === 'admin' && held.includes('admin') && (await this.roles.countActiveHolders('admin')) <= 1) {
        return { ok: false as const, reason: 'last-admin' as const, user: this.sessionUser(user, held) };
      }
      await this.roles.setGrant(userId, roleName, active);
      const sessionUser = this.sessionUser(user, await this.roles.activeRoleNames(userId));
      await this.sessions.updateUser(sessionUser);
      return { ok: true as const, user: sessionUser };
    });
  }

  private sessionUser(user: User, roles: RoleName[]): SessionUser {
    return { id: user.id, username: user.username, email: user.email, roles };
  }
}
