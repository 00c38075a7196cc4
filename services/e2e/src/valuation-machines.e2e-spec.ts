import { Topics } from '@hashdesk/contracts';
import { breakevenPowerUsdPerKwh, findAsicModel } from '@hashdesk/economics';
import { Stack } from './stack';

/**
 * The ASIC break-even table follows the newest hashprice: a price and a snapshot give one hashprice,
 * and with it one MachineTableComputed on the compacted topic; the HTTP table is computed from the
 * newest stored hashprice.
 */
describe('valuation publishes the machine break-even table', () => {
  const stack = new Stack('valuation-machines');
  const get = async (path: string): Promise<{ status: number; body: Record<string, any> }> => {
    const response = await fetch(`${stack.service('valuation').url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation');
  });
  afterAll(() => stack.stopAll());

  it('given no hashprice yet, when the table is asked for, then 404 NO_HASHPRICE', async () => {
    const response = await get('/v1/machines/breakeven');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NO_HASHPRICE');
  });

  it('given a snapshot and a price, when the hashprice is computed, then the table arrives with the S21 break-even power price of the library, and the GET answers', async () => {
    const tables = await stack.probe(Topics.machinesComputed);
    const metrics = await stack.probe(Topics.hashpriceComputed);
    const snapshot = await stack.post('/v1/observations/network-snapshot', {
      height: 930_000, difficulty: 148_258_433_855_481.3, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T00:00:00Z',
    });
    expect(snapshot.status).toBe(202);
    const price = await stack.post('/v1/observations/btc-price', { priceUsd: 87_133.51, observedAt: '2025-12-29T00:01:00Z' });
    expect(price.status).toBe(202);

    const [table] = await tables.waitFor((events) => events.length >= 1, 30_000, 'the machine table');
    const [metric] = await metrics.waitFor((events) => events.length >= 1, 30_000, 'the hashprice');
    expect(table.message.hashpriceMetricId).toBe(metric.message.metricId);
    expect(table.message.lineage?.inputs.map((i) => i.eventId)).toEqual([metric.message.metricId]);
    expect(table.meta.id).toBe(table.message.metricId);
    expect(table.key).toBe('catalog');
    const s21 = table.message.rows.find((row) => row.model === 'Antminer S21');
    expect(s21).toBeDefined();
    const expected = breakevenPowerUsdPerKwh(metric.message.hashpriceUsdPerPhDay, findAsicModel('Antminer S21').efficiencyJth);
    expect(s21?.breakevenPowerUsdPerKwh).toBeCloseTo(expected, 12);
    expect(s21?.atPowerPrices.map((p) => p.powerUsdPerKwh)).toEqual([0.04, 0.06, 0.08]);

    const response = await get('/v1/machines/breakeven?powerUsdPerKwh=0.05');
    expect(response.status).toBe(200);
    expect(response.body.hashpriceMetricId).toBe(metric.message.metricId);
    const row = (response.body.rows as Array<Record<string, any>>).find((r) => r.model === 'Antminer S21');
    expect(row?.breakevenPowerUsdPerKwh).toBeCloseTo(expected, 12);
    expect(row?.atPowerPrices).toHaveLength(1);
    expect(row?.atPowerPrices[0].powerUsdPerKwh).toBe(0.05);
  });

  it('given a negative power price, when the table is asked for, then 400 naming powerUsdPerKwh', async () => {
    const response = await get('/v1/machines/breakeven?powerUsdPerKwh=-1');
    expect(response.status).toBe(400);
    expect(response.body.violations.map((v: { field: string }) => v.field)).toContain('powerUsdPerKwh');
  });
});
