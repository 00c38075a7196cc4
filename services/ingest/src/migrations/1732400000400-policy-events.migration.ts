import type { MigrationInterface, QueryRunner } from 'typeorm';

/** policy_event: the policy and permit register as submitted (append-only; the same event is kept once). */
export class PolicyEvents1732400000400 implements MigrationInterface {
  name = 'PolicyEvents1732400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE policy_event (
      event_id text PRIMARY KEY,
      jurisdiction text NOT NULL,
      tickers text[] NOT NULL,
      kind text NOT NULL,
      impact smallint NOT NULL,
      effective_at timestamptz NOT NULL,
      learned_at timestamptz NOT NULL,
      title text NOT NULL,
      source_url text NOT NULL,
      authority text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE policy_event');
  }
}
