import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenarioEvaluations1732400000320 implements MigrationInterface {
  name = 'ScenarioEvaluations1732400000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scenario_evaluation (
      evaluation_id text PRIMARY KEY,
      ticker text NOT NULL,
      as_of timestamptz NOT NULL,
      known_at timestamptz,
      valuation_id text NOT NULL,
      valuation_event_id text NOT NULL,
      market jsonb NOT NULL,
      evaluation jsonb NOT NULL,
      recorded_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX scenario_evaluation_ticker_as_of ON scenario_evaluation (ticker, as_of)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scenario_evaluation');
  }
}
