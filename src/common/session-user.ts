import type { RoleName } from '../roles/role.entity';

/**
 * What the session keeps about the signed-in user: enough to render any page and check roles
 * without a database round trip. Only active grants of active roles are listed.
 */
export interface SessionUser {
  id: number;
  username: string;
  email: string;
  roles: RoleName[];
}

/** True when the user holds this role actively (inactive grants never reach `roles`). */
export function hasRole(user: SessionUser | undefined | null, roleName: RoleName): boolean {
  return !!user && user.roles.includes(roleName);
}

/** Staff: anyone who may manage the catalog and see every order. */
export function isStaff(user: SessionUser | undefined | null): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'shop_owner');
}
