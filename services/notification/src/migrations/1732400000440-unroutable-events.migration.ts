import type { MigrationInterface, QueryRunner } from 'typeorm';

/** unroutable_event: accepted events the router could not route, set aside with the error (replayable). */
export class UnroutableEvents1732400000440 implements MigrationInterface {
  name = 'UnroutableEvents1732400000440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE unroutable_event (
      id bigint PRIMARY KEY,
      event_id text NOT NULL,
      event_type text NOT NULL,
      subject text NOT NULL,
      severity text,
      event_time timestamptz NOT NULL,
      metrics json NOT NULL,
      traceparent text,
      data json NOT NULL,
      received_at timestamptz NOT NULL,
      error text NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unroutable_event');
  }
}
