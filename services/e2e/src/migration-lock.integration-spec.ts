import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@hashdesk/testing';
import { migrationLockName, openServiceDataSource } from '@hashdesk/persistence';

/** A migration slow enough that two unlocked starts would both run it (and one would fail). */
class SlowTable1700000000000 implements MigrationInterface {
  name = 'SlowTable1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_sleep(0.3)');
    await q.query('CREATE TABLE slow_table (id int PRIMARY KEY)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE slow_table');
  }
}

describe('migrations under an advisory lock', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('given three replicas starting at once on an empty schema, then all start and each migration ran once', async () => {
    const open = () => openServiceDataSource({ url: database.url, schema: 'replicas', entities: [], migrations: [SlowTable1700000000000] });
    const sources = await Promise.all([open(), open(), open()]);
    try {
      const rows = await database.query<{ name: string }>('SELECT name FROM replicas.typeorm_migrations');
      expect(rows.map((r) => r.name)).toEqual(['SlowTable1700000000000']);
      expect(await database.query('SELECT count(*)::int AS n FROM replicas.slow_table')).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });

  it('waits while another session holds the lock, and goes on once it is released', async () => {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [migrationLockName('waiting')]);
    let opened = false;
    const opening = openServiceDataSource({ url: database.url, schema: 'waiting', entities: [], migrations: [] }).then((s) => {
      opened = true;
      return s;
    });
    // The watermark: a query on the holder's own session runs after the opener has asked for the lock.
    const waiting = async () => (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))[0].n;
    for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await waiting()).toBe(1);
    expect(opened).toBe(false);
    await holder.end();
    const source = await opening;
    expect(opened).toBe(true);
    await source.destroy();
  });
});
