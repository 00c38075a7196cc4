import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consumed events wait here, written in one statement with their inbox row, until the router turns
 * a batch of them into deliveries in one transaction and deletes them. json, not jsonb: the event's
 * data is delivered as it came, keys in their order.
 */
export class InboundEvents1732400000420 implements MigrationInterface {
  name = 'InboundEvents1732400000420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inbound_event (
      id bigserial PRIMARY KEY,
      event_id text NOT NULL,
      event_type text NOT NULL,
      subject text NOT NULL,
      severity text,
      event_time timestamptz NOT NULL,
      metrics json NOT NULL,
      traceparent text,
      data json NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbound_event');
  }
}
