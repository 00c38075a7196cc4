import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Observations1732400000100 implements MigrationInterface {
  name = 'Observations1732400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE observation (
      id text PRIMARY KEY,
      kind text NOT NULL,
      source text NOT NULL,
      key text NOT NULL,
      event_time timestamptz NOT NULL,
      learned_at timestamptz NOT NULL,
      "values" jsonb NOT NULL)`);
    await q.query('CREATE INDEX observation_kind_key_time ON observation (kind, key, event_time)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE observation');
  }
}
