import type { EntityManager } from 'typeorm';
import type { RegionalPowerQuote } from '@hashdesk/economics';
import type { RegionalPowerPrice } from './machine-table.calculator';

type Queryable = Pick<EntityManager, 'query'>;

/** Each region's newest power price, by region. */
export async function loadRegionalPowerPrices(db: Queryable): Promise<RegionalPowerPrice[]> {
  const rows: Array<{ region: string; event_id: string; event_type: string; event_time: Date; power_usd_per_kwh: number; market_type: string }> =
    await db.query('SELECT region, event_id, event_type, event_time, power_usd_per_kwh, market_type FROM power_price ORDER BY region');
  return rows.map((r) => ({
    region: r.region, eventId: r.event_id, eventType: r.event_type, eventTime: new Date(r.event_time), powerUsdPerKwh: r.power_usd_per_kwh, marketType: r.market_type,
  }));
}

/** Keeps every observation (point-in-time site pricing); a redelivery changes nothing. */
export async function recordPowerPriceObservation(db: Queryable, price: RegionalPowerPrice): Promise<void> {
  await db.query(
    `INSERT INTO power_price_observation (event_id, region, event_time, power_usd_per_kwh) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [price.eventId, price.region, price.eventTime, price.powerUsdPerKwh],
  );
}

/** Each region's newest observed price at or before `at`: what a valuation dated `at` may use. */
export async function regionalPowerQuotesAt(db: Queryable, at: Date): Promise<RegionalPowerQuote[]> {
  const rows: Array<{ region: string; event_id: string; power_usd_per_kwh: number }> = await db.query(
    `SELECT DISTINCT ON (region) region, event_id, power_usd_per_kwh FROM power_price_observation
      WHERE event_time <= $1 ORDER BY region, event_time DESC, event_id DESC`,
    [at],
  );
  return rows.map((r) => ({ region: r.region, eventId: r.event_id, powerUsdPerKwh: r.power_usd_per_kwh }));
}

/** Keeps the price when it is the region's newest by event time; true when it replaced the stored one. */
export async function upsertRegionalPowerPrice(db: Queryable, price: RegionalPowerPrice): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO power_price (region, event_id, event_type, event_time, power_usd_per_kwh, market_type) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (region) DO UPDATE SET event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type, event_time = EXCLUDED.event_time,
       power_usd_per_kwh = EXCLUDED.power_usd_per_kwh, market_type = EXCLUDED.market_type
     WHERE power_price.event_time < EXCLUDED.event_time RETURNING region`,
    [price.region, price.eventId, price.eventType, price.eventTime, price.powerUsdPerKwh, price.marketType],
  );
  return rows.length > 0;
}
