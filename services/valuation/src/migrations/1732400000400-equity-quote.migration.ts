import type { MigrationInterface, QueryRunner } from 'typeorm';

/** equity_quote: every share quote of a tracked company received (ingest.equity.observed.v1), by event time. */
export class EquityQuote1732400000400 implements MigrationInterface {
  name = 'EquityQuote1732400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE equity_quote (
      ticker text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      learned_time timestamptz NOT NULL,
      price_usd double precision NOT NULL,
      PRIMARY KEY (ticker, event_id))`);
    await q.query('CREATE INDEX equity_quote_ticker_time ON equity_quote (ticker, event_time DESC, event_id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE equity_quote');
  }
}
