import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { Client } from 'pg';
import { ParameterFreeLogger } from './parameter-free-logger';

export interface ServiceDataSourceOptions {
  url: string;
  /** Each service owns one PostgreSQL schema, named after it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** A DataSource bound to the service's schema (search_path too, so raw SQL in migrations lands there). */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  assertSchemaName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    logger: new ParameterFreeLogger(),
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${options.schema}` },
  });
}

/**
 * Creates the schema if missing, initialises the DataSource and runs pending migrations — under a
 * PostgreSQL advisory lock per schema, so that replicas of a service starting together migrate once
 * (the others wait, then find nothing pending). A session lock: a process that dies releases it.
 */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  assertSchemaName(options.schema);
  const lock = await connect(options.url);
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [migrationLockName(options.schema)]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    const dataSource = createServiceDataSource(options);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
    return dataSource;
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}

/** The advisory lock's name: one per schema, whatever the database. */
export const migrationLockName = (schema: string): string => `hashdesk:migrations:${schema}`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${redact(url)} did not answer (${(error as Error).message}). ` +
      'Start it (e.g. pg_ctlcluster 15 main start) or set DATABASE_URL.');
  }
  return client;
}

function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema "${schema}" must be a lowercase SQL identifier`);
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
