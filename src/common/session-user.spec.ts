import { hasRole, isStaff, type SessionUser } from './session-user';

const user = (roles: SessionUser['roles']): SessionUser => ({ id: 1, username: 'u', email: 'u@example.com', roles, sessionVersion: 1 });

describe('hasRole', () => {
  it('is true only for a role the user actively holds', () => {
    expect(hasRole(user(['admin']), 'admin')).toBe(true);
    expect(hasRole(user(['admin']), 'shop_owner')).toBe(false);
    expect(hasRole(user([]), 'admin')).toBe(false);
  });

  it('is false for nobody', () => {
    expect(hasRole(undefined, 'admin')).toBe(false);
    expect(hasRole(null, 'shop_owner')).toBe(false);
  });

  it('counts either role as staff', () => {
    expect(isStaff(user(['shop_owner']))).toBe(true);
    expect(isStaff(user(['admin']))).toBe(true);
    expect(isStaff(user([]))).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});
