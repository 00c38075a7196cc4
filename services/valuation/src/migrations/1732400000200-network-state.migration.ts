import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NetworkState1732400000200 implements MigrationInterface {
  name = 'NetworkState1732400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE network_input (
      kind text PRIMARY KEY,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      "values" jsonb NOT NULL)`);
    await q.query(`CREATE TABLE hashprice_metric (
      metric_id text PRIMARY KEY,
      as_of timestamptz NOT NULL,
      hashprice_usd_per_ph_day double precision NOT NULL,
      metric jsonb NOT NULL)`);
    await q.query('CREATE INDEX hashprice_metric_as_of ON hashprice_metric (as_of)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE hashprice_metric');
    await q.query('DROP TABLE network_input');
  }
}
