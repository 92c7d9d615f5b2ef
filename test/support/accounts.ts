import type { Agent } from './http';
import { submitForm } from './http';

export const PASSWORD = 'correct horse battery';

export interface NewAccount {
  username: string;
  email: string;
  password: string;
}

let counter = 0;
/** A unique, valid account for this test run. */
export function newAccount(prefix = 'user'): NewAccount {
  counter += 1;
  const name = `${prefix}${counter}_${Math.random().toString(36).slice(2, 7)}`;
  return { username: name, email: `${name}@example.com`, password: PASSWORD };
}

export function register(client: Agent, account: NewAccount) {
  return submitForm(client, '/register', '/register', {
    username: account.username,
    email: account.email,
    password: account.password,
    confirmPassword: account.password,
  });
}

export function logIn(client: Agent, identifier: string, password: string, next?: string) {
  return submitForm(client, next ? `/login?next=${encodeURIComponent(next)}` : '/login', '/login', {
    identifier,
    password,
    ...(next ? { next } : {}),
  });
}

/** Logs in as if from `ip` (the test client is a trusted loopback proxy, so X-Forwarded-For counts). */
export function logInFrom(client: Agent, ip: string, identifier: string, password: string) {
  return submitForm(client, '/login', '/login', { identifier, password }, { 'X-Forwarded-For': ip });
}

/** Registers (which signs in) and returns the account. */
export async function signedUp(client: Agent, prefix?: string): Promise<NewAccount> {
  const account = newAccount(prefix);
  const res = await register(client, account);
  if (res.status !== 303) throw new Error(`registration failed (${res.status}): ${res.text.slice(0, 500)}`);
  return account;
}

export async function logOut(client: Agent) {
  const page = await client.get('/account');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return client.post('/logout').type('form').send({ _csrf: token });
}

export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((cookie) => cookie.startsWith('shop.sid='))?.split(';')[0];
}

/** Grants a role straight in the database (before the user logs in, so the session has it). */
export async function grantInDatabase(
  em: { getConnection(): { execute(sql: string, params: unknown[]): Promise<unknown> } },
  username: string,
  role: 'admin' | 'shop_owner',
): Promise<void> {
  await em.getConnection().execute(
    `insert into user_roles (user_id, role_id)
     select u.id, r.id from users u, roles r where u.username = ? and r.name = ?
     on conflict (user_id, role_id) do update set is_active = true`,
    [username, role],
  );
}

/** A signed-in client for a new user holding `role`. */
export async function signedInWithRole(
  server: Parameters<typeof import('./http').agent>[0],
  em: Parameters<typeof grantInDatabase>[0],
  role: 'admin' | 'shop_owner',
) {
  const { agent: makeAgent } = await import('./http');
  const account = await signedUp(makeAgent(server), role);
  await grantInDatabase(em, account.username, role);
  const client = makeAgent(server);
  const res = await logIn(client, account.username, account.password);
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return { client, account };
}
