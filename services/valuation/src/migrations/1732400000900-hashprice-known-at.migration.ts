import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * hashprice_metric.known_at: when hashdesk could first have computed the figure (the later of its inputs'
 * learned times), so network metrics answer "what was known at T" like company valuations do. Existing rows
 * take it from their lineage's inputs in market_input; a row whose inputs are gone keeps null (read as its as-of).
 */
export class HashpriceKnownAt1732400000900 implements MigrationInterface {
  name = 'HashpriceKnownAt1732400000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE hashprice_metric ADD COLUMN known_at timestamptz');
    await q.query(`UPDATE hashprice_metric h SET known_at = (
        SELECT max(m.learned_time) FROM market_input m
         WHERE m.event_id IN (SELECT jsonb_array_elements(h.metric -> 'lineage' -> 'inputs') ->> 'eventId'))`);
    await q.query('CREATE INDEX hashprice_metric_known_at ON hashprice_metric (known_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE hashprice_metric DROP COLUMN known_at');
  }
}
