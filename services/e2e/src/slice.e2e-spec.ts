import { createHmac } from 'node:crypto';
import { Topics } from '@hashdesk/contracts';
import { parseCloudEvent } from '@hashdesk/testing';
import { Stack, WEBHOOK_SECRET } from './stack';

/**
 * One event through all four services over the real broker, PostgreSQL and Redis:
 * ingest (HTTP POST) → valuation (hashprice) → risk (threshold rule) → notification (webhook).
 */
describe('the slice: a price and a network snapshot become a delivered alert', () => {
  const stack = new Stack('slice', { RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY: '45' });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation', 'risk', 'notification');
  });
  afterAll(() => stack.stopAll());

  it('rejects bad input with 400 naming the field and the rule, and publishes nothing for it', async () => {
    const bad = await stack.post('/v1/observations/btc-price', { priceUsd: -1, observedAt: '2025-12-29T00:00:00Z' });
    expect(bad.status).toBe(400);
    expect(bad.body.violations).toEqual([{ field: 'priceUsd', rule: 'isPositive', message: 'must be greater than 0' }]);

    const bothFees = await stack.post('/v1/observations/network-snapshot', {
      height: 930_086, difficulty: 148.26e12, feesPerBlockSats: 1, feesBtcPerBlock: 0.1, observedAt: '2025-12-29T00:00:00Z',
    });
    expect(bothFees.status).toBe(400);
    expect(bothFees.body.message).toContain('feesPerBlockSats');

    const future = await stack.post('/v1/observations/btc-price', { priceUsd: 90_000, observedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.violations).toEqual([expect.objectContaining({ field: 'observedAt', rule: 'notInFuture' })]);
  });

  it('delivers one signed alert whose content and trace id come from the ingest request', async () => {
    const probe = await stack.probe(Topics.priceObserved);
    // Difficulty of epoch 461 (difficulty-epochs.csv) and the 2025-12-29 close (network-daily.csv).
    const difficulty = 148_258_433_855_481.3;
    const network = await stack.post('/v1/observations/network-snapshot', {
      height: 930_000, difficulty, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T00:00:00Z',
    });
    expect(network.status).toBe(202);
    const price = await stack.post(
      '/v1/observations/btc-price',
      { priceUsd: 87_133.51, observedAt: '2025-12-29T00:00:01Z' },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(price.status).toBe(202);
    expect(price.body).toMatchObject({ published: true, traceId });

    const [delivery] = await stack.receiver.waitFor(1);
    const body = JSON.parse(delivery.body);
    expect(parseCloudEvent(delivery)).toMatchObject({ specversion: '1.0', source: 'hashdesk/notification', subject: 'network' });
    // Hashprice by hand: (3.125 + 0.0182) BTC × 86,400 s × 1e15 / (D × 2^32) × $87,133.51 = 37.16 $/PH/day.
    const expected = ((3.125 + 0.0182) * 86_400 * 1e15) / (difficulty * 2 ** 32) * 87_133.51;
    expect(body.type).toBe('hashdesk.v1.AlertRaised');
    expect(body.data.ruleId).toBe('network.hashprice-floor');
    expect(body.data.metric).toBe('hashprice_usd_per_ph_day');
    expect(body.data.value).toBeCloseTo(expected, 6);
    expect(body.data.value).toBeCloseTo(37.16, 2);
    expect(body.data.threshold).toBe(45);
    expect(body.data.direction).toBe('THRESHOLD_DIRECTION_BELOW');
    expect(body.data.lineage.inputs[0].eventType).toBe('hashdesk.v1.HashpriceComputed');

    // The trace that started with the ingest request ends at the receiver.
    expect(body.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`)); // the CloudEvents distributed-tracing extension
    expect(String(delivery.headers.traceparent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    // Standard Webhooks, verified the receiver's way.
    const id = String(delivery.headers['webhook-id']);
    const timestamp = String(delivery.headers['webhook-timestamp']);
    const key = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${delivery.body}`).digest('base64');
    expect(delivery.headers['webhook-signature']).toBe(`v1,${signature}`);
    expect(id).toBe(body.id);

    // Only the two accepted observations reached the broker: the rejected ones published nothing.
    await probe.waitFor((events) => events.length >= 1);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(probe.events.map((e) => e.message.priceUsd)).toEqual([87_133.51]);

    // The hashprice is also queryable, with lineage naming both inputs.
    const latest = (await (await fetch(`${stack.service('valuation').url}/v1/network/hashprice/latest`)).json()) as Record<string, any>;
    expect(latest.hashpriceUsdPerPhDay).toBeCloseTo(expected, 6);
    expect(latest.lineage.inputs.map((i: { eventId: string }) => i.eventId).sort()).toEqual([price.body.observationId, network.body.observationId].sort());
  });
});
