import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RoleName } from '../roles/role.entity';
import { containsPattern } from '../common/like';
import { RolesService } from '../roles/roles.service';
import { User } from './user.entity';

export const USERS_PER_PAGE = 20;

export interface UserRow {
  user: { id: number; username: string; email: string; created: Date };
  roles: RoleName[];
  isAdmin: boolean;
  isShopOwner: boolean;
}

/** What the admin users page shows: users, newest first (or found by name), with their active roles. */
@Injectable()
export class AdminUsersQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
  ) {}

  async page(requested: number, search = '') {
    const where = search
      ? { $or: [{ username: { $ilike: containsPattern(search) } }, { email: { $ilike: containsPattern(search) } }] }
      : {};
    const total = await this.em.count(User, where);
    const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
    const page = Math.min(Math.max(1, Math.floor(requested)), pages);
    const users = await this.em.find(User, where, { orderBy: { id: 'desc' }, limit: USERS_PER_PAGE, offset: (page - 1) * USERS_PER_PAGE });
    const roles = await this.roles.activeRoleNamesOf(users.map((user) => user.id));
    return {
      rows: users.map((user) => toRow(user, roles.get(user.id) ?? [])),
      pagination: { page, pages, previous: page > 1 ? page - 1 : undefined, next: page < pages ? page + 1 : undefined },
    };
  }

  /** One user's row, or undefined when there is no such user. */
  async row(userId: number): Promise<UserRow | undefined> {
    const user = await this.em.findOne(User, userId);
    if (!user) return undefined;
    return toRow(user, await this.roles.activeRoleNames(userId));
  }
}

function toRow(user: User, roles: RoleName[]): UserRow {
  return {
    user: { id: user.id, username: user.username, email: user.email, created: user.created },
    roles,
    isAdmin: roles.includes('admin'),
    isShopOwner: roles.includes('shop_owner'),
  };
}
