import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@hashdesk/persistence';

export interface TestDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A new, empty database for one test file, on the server DATABASE_URL names. */
export async function createTestDatabase(baseUrl = requiredEnv('DATABASE_URL')): Promise<TestDatabase> {
  const url = new URL(baseUrl);
  url.pathname = `/hd_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(url.toString());
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.end();
      await dropDatabase(url.toString());
    },
  };
}

/** A topic and consumer-group prefix unique to this test run. */
export function uniqueNamespace(label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}.`;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run through their jest globalSetup (npx jest --selectProjects integration).`);
  return value;
}
