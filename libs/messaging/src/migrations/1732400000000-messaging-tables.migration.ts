import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox every service has in its own schema. */
export class MessagingTables1732400000000 implements MigrationInterface {
  name = 'MessagingTables1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox_event (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      partition_key text NOT NULL,
      headers jsonb NOT NULL,
      payload bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0)`);
    await q.query('CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL');
    await q.query(`CREATE TABLE processed_message (
      consumer_group text NOT NULL,
      message_id text NOT NULL,
      topic text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_group, message_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE processed_message');
    await q.query('DROP TABLE outbox_event');
  }
}
