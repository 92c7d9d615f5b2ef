import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RoleName } from '../roles/role.entity';
import { containsPattern } from '../common/like';
import { fetchPage, type Page, type PageRequest } from '../common/pagination';
import { RolesService } from '../roles/roles.service';
import { User } from './user.entity';

export const USERS_PER_PAGE = 20;

export interface UserRow {
  /** Never the email: it is shown to its owner alone (their /profile), not even to an admin. */
  user: { id: number; username: string; created: Date };
  roles: RoleName[];
  isAdmin: boolean;
  isShopOwner: boolean;
}

/**
 * What the admin users page shows: users, newest first (or found by part of the username), with
 * their active roles. Not found by email either: a search that answers whether an address has an
 * account would show an email's owner to someone else as surely as a column would.
 */
@Injectable()
export class AdminUsersQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
  ) {}

  async page(request: PageRequest, search = ''): Promise<Page<UserRow>> {
    const where = search ? { username: { $ilike: containsPattern(search) } } : {};
    const page = await fetchPage(request, {
      // A shop's users stay few enough for an exact count up to the cap.
      count: async (cap) => Math.min(await this.em.count(User, where), cap),
      rows: (window) => this.em.find(User, where, { orderBy: { id: 'desc' }, ...window }),
    });
    const roles = await this.roles.activeRoleNamesOf(page.rows.map((user) => user.id));
    return { ...page, rows: page.rows.map((user) => toRow(user, roles.get(user.id) ?? [])) };
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
    user: { id: user.id, username: user.username, created: user.created },
    roles,
    isAdmin: roles.includes('admin'),
    isShopOwner: roles.includes('shop_owner'),
  };
}
