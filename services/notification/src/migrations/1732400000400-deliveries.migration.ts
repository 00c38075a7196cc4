import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deliveries1732400000400 implements MigrationInterface {
  name = 'Deliveries1732400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE delivery (
      id bigserial PRIMARY KEY,
      event_id text NOT NULL,
      endpoint_url text NOT NULL,
      body text NOT NULL,
      traceparent text,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_status_code int,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      latency_ms int,
      UNIQUE (event_id, endpoint_url))`);
    await q.query(`CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delivery');
  }
}
