import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * power_price_observation: every observed regional power price, so a valuation dated t prices each
 * site's region with the newest observation at or before t (power_price keeps only the newest).
 */
export class PowerPriceHistory1732400000800 implements MigrationInterface {
  name = 'PowerPriceHistory1732400000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE power_price_observation (
      event_id text PRIMARY KEY,
      region text NOT NULL,
      event_time timestamptz NOT NULL,
      power_usd_per_kwh double precision NOT NULL
    )`);
    await q.query('CREATE INDEX power_price_observation_region_time ON power_price_observation (region, event_time DESC, event_id DESC)');
    await q.query(`INSERT INTO power_price_observation (event_id, region, event_time, power_usd_per_kwh)
                   SELECT event_id, region, event_time, power_usd_per_kwh FROM power_price ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE power_price_observation');
  }
}
