import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * With DATABASE_URL set, each test file gets a database of its own on that server, created
 * here and dropped afterwards. Without it, the app starts its embedded PostgreSQL in memory.
 */
export interface TestDatabase {
  /** The URL the app should use, or undefined for the embedded database. */
  url?: string;
  drop(): Promise<void>;
}

export const SERVER_URL = process.env.DATABASE_URL || undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!SERVER_URL) return { url: undefined, drop: async () => undefined };
  const name = `shop_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
