import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * observation_quarantine keeps every refused-but-readable record with its reasons (append-only).
 * The (kind, source, event_time) index serves the "height never goes backwards for a source" check.
 */
export class QuarantineAndSourceOrder1732400000200 implements MigrationInterface {
  name = 'QuarantineAndSourceOrder1732400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX observation_kind_source_time ON observation (kind, source, event_time)');
    await q.query(`CREATE TABLE observation_quarantine (
      id text PRIMARY KEY,
      kind text NOT NULL,
      source text NOT NULL,
      event_time timestamptz,
      learned_at timestamptz NOT NULL,
      origin text NOT NULL,
      record jsonb NOT NULL,
      violations jsonb NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE observation_quarantine');
    await q.query('DROP INDEX observation_kind_source_time');
  }
}
