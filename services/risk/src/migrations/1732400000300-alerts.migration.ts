import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1732400000300 implements MigrationInterface {
  name = 'Alerts1732400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rule_state (
      rule_id text PRIMARY KEY,
      breached boolean NOT NULL,
      last_value double precision NOT NULL,
      last_metric_id text NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE alert (
      alert_id text PRIMARY KEY,
      rule_id text NOT NULL,
      as_of timestamptz NOT NULL,
      alert jsonb NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE alert');
    await q.query('DROP TABLE rule_state');
  }
}
