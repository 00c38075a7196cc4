import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The built-in subscriber and subscription that carry NOTIFICATION_WEBHOOK_URL (configured at start-up). */
export const DEFAULT_SUBSCRIBER_ID = '00000000-0000-4000-8000-000000000000';
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';

export class Subscriptions1732400000410 implements MigrationInterface {
  name = 'Subscriptions1732400000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE subscriber (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      api_key_hash text NOT NULL UNIQUE,
      api_key_prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      api_key_rotated_at timestamptz)`);
    await q.query(`CREATE TABLE subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscriber(id) ON DELETE CASCADE,
      name text NOT NULL DEFAULT '',
      channel text NOT NULL CHECK (channel IN ('webhook', 'slack', 'kafka', 'sse')),
      url text,
      secret text,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      event_types text[] NOT NULL DEFAULT '{}',
      subjects text[] NOT NULL DEFAULT '{}',
      severities text[] NOT NULL DEFAULT '{}',
      rule jsonb,
      cooldown_seconds int NOT NULL DEFAULT 0,
      digest_interval_seconds int,
      enabled boolean NOT NULL DEFAULT true,
      consecutive_failures int NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      disabled_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX subscription_by_subscriber ON subscription (subscriber_id)');
    await q.query(`CREATE TABLE subscription_state (
      subscription_id uuid NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
      subject text NOT NULL,
      last_value double precision,
      history jsonb NOT NULL DEFAULT '[]',
      last_fired_at_ms bigint,
      PRIMARY KEY (subscription_id, subject))`);
    await q.query(`CREATE TABLE digest_item (
      id bigserial PRIMARY KEY,
      subscription_id uuid NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
      event_id text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subscription_id, event_id))`);
    await q.query(`INSERT INTO subscriber (id, name, api_key_hash, api_key_prefix) VALUES ($1, 'built-in default', 'none:' || gen_random_uuid(), '')`, [DEFAULT_SUBSCRIBER_ID]);
    await q.query(`INSERT INTO subscription (id, subscriber_id, name, channel, event_types, enabled)
      VALUES ($1, $2, 'NOTIFICATION_WEBHOOK_URL', 'webhook', '{hashdesk.v1.AlertRaised}', false)`, [DEFAULT_SUBSCRIPTION_ID, DEFAULT_SUBSCRIBER_ID]);
    await q.query(`ALTER TABLE delivery
      ADD COLUMN subscription_id uuid REFERENCES subscription(id) ON DELETE CASCADE,
      ADD COLUMN event_type text,
      ADD COLUMN event_time timestamptz,
      ADD COLUMN dead_at timestamptz,
      ADD COLUMN replays int NOT NULL DEFAULT 0,
      ADD COLUMN last_attempt_at timestamptz,
      ADD COLUMN last_duration_ms int`);
    await q.query('UPDATE delivery SET subscription_id = $1', [DEFAULT_SUBSCRIPTION_ID]);
    await q.query('ALTER TABLE delivery ALTER COLUMN subscription_id SET NOT NULL, ALTER COLUMN endpoint_url DROP NOT NULL');
    await q.query('ALTER TABLE delivery DROP CONSTRAINT delivery_event_id_endpoint_url_key');
    await q.query('CREATE UNIQUE INDEX delivery_event_subscription ON delivery (event_id, subscription_id)');
    await q.query('CREATE INDEX delivery_by_subscription ON delivery (subscription_id, id DESC)');
    await q.query(`CREATE INDEX delivery_dead ON delivery (subscription_id) WHERE status = 'dead'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX delivery_event_subscription');
    await q.query('DELETE FROM delivery WHERE subscription_id <> $1', [DEFAULT_SUBSCRIPTION_ID]);
    await q.query(`ALTER TABLE delivery ADD CONSTRAINT delivery_event_id_endpoint_url_key UNIQUE (event_id, endpoint_url),
      DROP COLUMN subscription_id, DROP COLUMN event_type, DROP COLUMN event_time, DROP COLUMN dead_at, DROP COLUMN replays,
      DROP COLUMN last_attempt_at, DROP COLUMN last_duration_ms`);
    await q.query('DROP TABLE digest_item, subscription_state, subscription, subscriber');
  }
}
