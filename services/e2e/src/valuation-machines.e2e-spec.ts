import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { PowerPriceObservedSchema, Topics } from '@hashdesk/contracts';
import { createIdempotentProducer, encodeMessage, metaToHeaders, newEventId } from '@hashdesk/messaging';
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

  it('given a regional power price on the power topic, when valuation consumes it, then the table is republished with that region once, and an older price changes nothing', async () => {
    const tables = await stack.probe(Topics.machinesComputed);
    await tables.waitFor((events) => events.length >= 1, 30_000, 'the first table');
    const producer = createIdempotentProducer(stack.kafka);
    await producer.connect();
    const send = async (powerUsdPerKwh: number, iso: string, id = newEventId()) => {
      const message = create(PowerPriceObservedSchema, {
        observationId: id, eventTime: timestampFromDate(new Date(iso)), learnedTime: timestampFromDate(new Date(iso)), region: 'ERCOT:DAM:HB_WEST',
        powerUsdPerKwh, source: 'e2e', marketType: 'wholesale', intervalMinutes: 60, period: iso.slice(0, 10),
      });
      const headers = metaToHeaders({ id, type: Topics.powerObserved.schema.typeName, source: 'hashdesk/e2e', time: new Date(iso) });
      await producer.send({ topic: stack.namespace.topic(Topics.powerObserved.name), messages: [{ key: message.region, value: encodeMessage(Topics.powerObserved, message), headers }] });
      return id;
    };
    try {
      const id = await send(0.031, '2025-12-29T01:00:00Z');
      const [, table] = await tables.waitFor((events) => events.length >= 2, 30_000, 'the table with the region');
      expect(table.message.regionalPowerPrices.map((r) => [r.region, r.powerUsdPerKwh])).toEqual([['ERCOT:DAM:HB_WEST', 0.031]]);
      expect(table.message.lineage?.inputs.map((i) => i.eventId)).toContain(id);
      const s21 = table.message.rows.find((row) => row.model === 'Antminer S21');
      expect(s21?.atPowerPrices.map((p) => p.region ?? null)).toEqual([null, null, null, 'ERCOT:DAM:HB_WEST']);
      await send(0.5, '2025-12-28T01:00:00Z'); // older than the stored one: not the region's newest
      await send(0.031, '2025-12-29T01:00:00Z', id); // a redelivery
      const prices = await get('/v1/machines/power-prices');
      expect(prices.body.items).toEqual([expect.objectContaining({ region: 'ERCOT:DAM:HB_WEST', powerUsdPerKwh: 0.031, eventId: id })]);
      await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
      expect(tables.events).toHaveLength(2);
      const full = await get('/v1/machines/breakeven');
      expect(full.body.regionalPowerPrices).toEqual([expect.objectContaining({ region: 'ERCOT:DAM:HB_WEST', powerUsdPerKwh: 0.031 })]);
    } finally {
      await producer.disconnect();
    }
  });

  it('given a negative power price, when the table is asked for, then 400 naming powerUsdPerKwh', async () => {
    const response = await get('/v1/machines/breakeven?powerUsdPerKwh=-1');
    expect(response.status).toBe(400);
    expect(response.body.violations.map((v: { field: string }) => v.field)).toContain('powerUsdPerKwh');
  });
});
