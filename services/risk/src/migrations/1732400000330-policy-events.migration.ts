import type { MigrationInterface, QueryRunner } from 'typeorm';

/** policy_event: the policy and permit register as ingest published it (one row per event id). */
export class PolicyEvents1732400000330 implements MigrationInterface {
  name = 'PolicyEvents1732400000330';

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
    await q.query('CREATE INDEX policy_event_tickers ON policy_event USING gin (tickers)');
    await q.query('CREATE INDEX policy_event_jurisdiction ON policy_event (jurisdiction, effective_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE policy_event');
  }
}
