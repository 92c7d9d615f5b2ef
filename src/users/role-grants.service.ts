import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RoleName } from '../roles/role.entity';
import { RolesService } from '../roles/roles.service';
import { User } from './user.entity';

export type GrantResult =
  | { ok: true; username: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'last-admin'; username: string };

/** Granting and revoking roles (the /admin/users use case). */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
  ) {}

  /**
   * One transaction: lock the role, check the last-admin rule, write the grant. Every session
   * of the user sees the change on its next request (sessions reload roles).
   */
  async setRole(userId: number, roleName: RoleName, active: boolean): Promise<GrantResult> {
    return this.em.transactional(async () => {
      const user = await this.em.findOne(User, userId);
      if (!user) return { ok: false as const, reason: 'not-found' as const };
      // Two admins revoking each other at once must not leave the shop without one.
      await this.roles.lockRole(roleName);
      const held = await this.roles.activeRoleNames(userId);
      const lastAdmin = roleName === 'admin' && held.includes('admin') && (await this.roles.countActiveHolders('admin')) <= 1;
      if (!active && lastAdmin) return { ok: false as const, reason: 'last-admin' as const, username: user.username };
      await this.roles.setGrant(userId, roleName, { active });
      return { ok: true as const, username: user.username };
    });
  }
}
