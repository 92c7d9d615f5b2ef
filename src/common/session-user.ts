import type { RoleName } from '../roles/role.entity';

/**
 * The signed-in user as every page sees it. The session stores it at log-in; each request
 * reloads it by id (two indexed queries: the account, its active roles), so renames, role changes and password changes apply
 * at once to every session. Only active grants of active roles are listed.
 */
export interface SessionUser {
  id: number;
  username: string;
  email: string;
  roles: RoleName[];
  /** Must match users.session_version, or the session has been ended. */
  sessionVersion: number;
}

/** True when the user holds this role actively (inactive grants never reach `roles`). */
export function hasRole(user: SessionUser | undefined | null, roleName: RoleName): boolean {
  return !!user && user.roles.includes(roleName);
}

/** Staff: anyone who may manage the catalog and see every order. */
export function isStaff(user: SessionUser | undefined | null): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'shop_owner');
}
