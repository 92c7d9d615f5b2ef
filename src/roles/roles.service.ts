import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ROLE_NAMES, type RoleName } from './role.entity';

/**
 * What grants anything: an active grant (`ur`) of an active role (`r`). Written once, here;
 * every read of who holds which role starts from it.
 */
const ACTIVE_GRANTS = `user_roles ur join roles r on r.id = ur.role_id and r.is_active where ur.is_active`;

/** Reads of who holds which role. Only active grants of active roles count. */
@Injectable()
export class RolesService {
  constructor(private readonly em: EntityManager) {}

  async activeRoleNames(userId: number): Promise<RoleName[]> {
    return (await this.activeRoleNamesOf([userId])).get(userId) ?? [];
  }

  /** Active role names of many users at once (the admin users page), each list sorted by name. */
  async activeRoleNamesOf(userIds: number[]): Promise<Map<number, RoleName[]>> {
    const roles = new Map<number, RoleName[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return roles;
    const rows: { user_id: number; name: string }[] = await this.em.execute(
      `select ur.user_id, r.name from ${ACTIVE_GRANTS} and ur.user_id in (?) order by r.name`,
      [userIds],
    );
    for (const row of rows) if (isRoleName(row.name)) roles.get(row.user_id)?.push(row.name);
    return roles;
  }

  /**
   * The active role names of the user whose id is in `userIdColumn`, sorted, as one SQL array
   * expression: for a read that wants a user and their roles in one statement (each request's
   * session reload). Read the result with `roleNamesFrom`.
   */
  activeRoleNamesSql(userIdColumn: string): string {
    return `array(select r.name from ${ACTIVE_GRANTS} and ur.user_id = ${userIdColumn} order by r.name)`;
  }

  roleNamesFrom(names: unknown): RoleName[] {
    return Array.isArray(names) ? names.filter(isRoleName) : [];
  }

  async countActiveHolders(roleName: RoleName): Promise<number> {
    const [row]: { n: number }[] = await this.em.execute(`select count(*)::int as n from ${ACTIVE_GRANTS} and r.name = ?`, [roleName]);
    return row.n;
  }

  /**
   * Grants (or, with active = false, revokes) a role. Revoking keeps the row, inactive. The
   * caller owns the transaction.
   */
  async setGrant(userId: number, roleName: RoleName, grant: { active: boolean }): Promise<void> {
    await this.em.execute(
      `insert into user_roles (user_id, role_id, is_active)
       select ?, id, ? from roles where name = ?
       on conflict (user_id, role_id) do update set is_active = excluded.is_active, modified = now()`,
      [userId, grant.active, roleName],
    );
  }

  /** Locks the role's row until the transaction ends: changes to who holds it happen one at a time. */
  async lockRole(roleName: RoleName): Promise<void> {
    await this.em.execute(`select id from roles where name = ? for update`, [roleName]);
  }
}

export function isRoleName(name: string): name is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(name);
}
