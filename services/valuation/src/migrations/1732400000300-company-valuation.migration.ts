import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * market_input: every BTC price and network snapshot by event time (the history that places late inputs).
 * company_profile: every profile version received. company_valuation: every valuation published,
 * point in time (as_of = newest input event time, known_at = newest input learned time); append-only.
 */
export class CompanyValuation1732400000300 implements MigrationInterface {
  name = 'CompanyValuation1732400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE market_input (
      kind text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      learned_time timestamptz NOT NULL,
      "values" jsonb NOT NULL,
      PRIMARY KEY (kind, event_id))`);
    await q.query('CREATE INDEX market_input_kind_time ON market_input (kind, event_time DESC, event_id DESC)');
    await q.query(`CREATE TABLE company_profile (
      ticker text NOT NULL,
      version integer NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      learned_time timestamptz NOT NULL,
      profile_json text NOT NULL,
      share_price jsonb,
      PRIMARY KEY (ticker, version))`);
    await q.query(`CREATE TABLE company_valuation (
      valuation_id text PRIMARY KEY,
      ticker text NOT NULL,
      as_of timestamptz NOT NULL,
      known_at timestamptz NOT NULL,
      inputs_from timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      profile_version integer NOT NULL,
      valued jsonb NOT NULL)`);
    await q.query('CREATE INDEX company_valuation_ticker_time ON company_valuation (ticker, as_of DESC, known_at DESC, inputs_from DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE company_valuation');
    await q.query('DROP TABLE company_profile');
    await q.query('DROP TABLE market_input');
  }
}
