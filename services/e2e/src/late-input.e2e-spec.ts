import { Topics } from '@hashdesk/contracts';
import { Stack } from './stack';

/**
 * A market input that arrives after the inputs it precedes in event time: a network snapshot dated
 * before a price that was already handled is, by event time, the snapshot nearest before that price,
 * so the price gets its hashprice (and company valuations) when the snapshot lands.
 */
describe('valuation places a late input by event time', () => {
  const stack = new Stack('late-input');
  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation');
  });
  afterAll(() => stack.stopAll());

  it('given a price handled before the earlier-dated snapshot, when the snapshot arrives, then that price gets its hashprice', async () => {
    const metrics = await stack.probe(Topics.hashpriceComputed);
    const price = await stack.post('/v1/observations/btc-price', { priceUsd: 87_133.51, observedAt: '2025-12-29T00:01:00Z' });
    expect(price.status).toBe(202);
    await stack.settled(); // handled: no snapshot before it yet, so no metric
    expect(metrics.events).toHaveLength(0);

    const beforeSnapshot = Date.now();
    const snapshot = await stack.post('/v1/observations/network-snapshot', {
      height: 930_000, difficulty: 148_258_433_855_481.3, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T00:00:00Z',
    });
    expect(snapshot.status).toBe(202);
    const [metric] = await metrics.waitFor((events) => events.length >= 1, 30_000, 'the late pairing');
    const inputs = metric.message.lineage!.inputs.map((i) => i.eventId).sort();
    expect(inputs).toEqual([String(price.body.observationId), String(snapshot.body.observationId)].sort());
    expect(metric.message.hashpriceUsdPerPhDay).toBeCloseTo(37.16, 2);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(metrics.events).toHaveLength(1);

    // Point in time on the knowledge axis: the figure dated 2025-12-29 became knowable only when its late snapshot was learned.
    const query = async (knownAt?: string) => (await (await fetch(`${stack.service('valuation').url}/v1/network/metrics?from=2025-12-28T00:00:00Z${knownAt ? `&knownAt=${knownAt}` : ''}`)).json()) as { items: Array<{ metricId: string; asOf: string; knownAt: string | null }> };
    const [row] = (await query()).items;
    expect(row.metricId).toBe(metric.message.metricId);
    expect(Date.parse(row.knownAt!)).toBeGreaterThanOrEqual(beforeSnapshot - 1_000);
    expect((await query(new Date(Date.parse(row.knownAt!) - 1).toISOString())).items).toHaveLength(0);
    expect((await query(row.knownAt!)).items.map((r) => r.metricId)).toEqual([metric.message.metricId]);
    const bad = await fetch(`${stack.service('valuation').url}/v1/network/metrics?knownAt=yesterday`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('knownAt');
  });
});
