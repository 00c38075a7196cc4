import type { MigrationInterface, QueryRunner } from 'typeorm';

/** power_price: each region's newest observed power price by event time (the machine table's regional prices). */
export class PowerPrice1732400000700 implements MigrationInterface {
  name = 'PowerPrice1732400000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE power_price (
      region text PRIMARY KEY,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      power_usd_per_kwh double precision NOT NULL,
      market_type text NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE power_price');
  }
}
