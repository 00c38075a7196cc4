import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Watchlists1732400000310 implements MigrationInterface {
  name = 'Watchlists1732400000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE watchlist_entry (
      entry_id uuid PRIMARY KEY,
      ticker text NOT NULL,
      note text,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE stop_line (
      line_id uuid PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES watchlist_entry (entry_id) ON DELETE CASCADE,
      ticker text NOT NULL,
      kind text NOT NULL,
      definition jsonb NOT NULL,
      state jsonb NOT NULL,
      breached boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX stop_line_ticker_kind ON stop_line (ticker, kind)');
    await q.query('CREATE INDEX stop_line_kind ON stop_line (kind)');
    await q.query(`CREATE TABLE market_state (
      id text PRIMARY KEY,
      market jsonb NOT NULL,
      as_of timestamptz NOT NULL,
      metric_id text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE market_state');
    await q.query('DROP TABLE stop_line');
    await q.query('DROP TABLE watchlist_entry');
  }
}
