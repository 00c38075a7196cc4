import { Topics } from '@hashdesk/contracts';
import { eventually } from '@hashdesk/testing';
import { Stack } from './stack';

const PRICES = 30;
const start = Date.parse('2025-12-01T00:00:00Z');

/**
 * A consuming service stopped mid-stream and restarted: every input is handled exactly once
 * (inbox + outbox in one transaction, offsets committed after the handler), nothing is lost.
 */
describe.each([
  ['stopped gracefully (SIGTERM)', 'stop' as const],
  ['killed (SIGKILL)', 'kill' as const],
])('valuation %s mid-stream', (_label, how) => {
  const stack = new Stack(`restart-${how}`, { RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY: '0' });

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation', 'risk');
  });
  afterAll(() => stack.stopAll());

  it('loses no event and handles none twice', async () => {
    const metrics = await stack.probe(Topics.hashpriceComputed);
    const snapshot = await stack.post('/v1/observations/network-snapshot', {
      height: 925_000, difficulty: 149.3e12, feesPerBlockSats: 2_000_000, observedAt: new Date(start).toISOString(),
    });
    expect(snapshot.status).toBe(202);

    const priceEventIds: string[] = [];
    const postPrice = async (i: number) => {
      const r = await stack.post('/v1/observations/btc-price', { priceUsd: 90_000 + i, observedAt: new Date(start + (i + 1) * 60_000).toISOString() });
      expect(r.status).toBe(202);
      priceEventIds.push(String(r.body.observationId));
    };

    for (let i = 0; i < 10; i++) await postPrice(i);
    await metrics.waitFor((events) => events.length >= 3, 60_000, 'the first metrics');
    const stopped = how === 'stop' ? await stack.service('valuation').stop() : await stack.service('valuation').kill();
    expect(stopped).toBe(how === 'stop' ? 0 : null); // SIGTERM drains and exits 0; SIGKILL leaves no exit code
    for (let i = 10; i < 20; i++) await postPrice(i); // published while valuation is down
    await stack.start('valuation');
    for (let i = 20; i < PRICES; i++) await postPrice(i);

    // Nothing lost: one metric per price, each naming exactly that price in its lineage.
    const events = await metrics.waitFor((e) => new Set(e.map((x) => x.meta.id)).size >= PRICES, 90_000, `${PRICES} distinct metrics`);
    await stack.settled(); // anything extra would show up now
    const byId = new Map(events.map((e) => [e.meta.id, e]));
    expect(byId.size).toBe(PRICES);
    const priceInputs = [...byId.values()].map((e) => e.message.lineage!.inputs.find((i) => i.eventType === 'hashdesk.v1.BtcPriceObserved')!.eventId);
    expect(priceInputs.sort()).toEqual([...priceEventIds].sort());

    // A record sent twice (crash between the Kafka send and the outbox commit) is the same event, byte for byte.
    for (const raw of metrics.raw) {
      const first = metrics.raw.find((r) => r.headers.ce_id === raw.headers.ce_id)!;
      expect(raw.value?.equals(first.value!)).toBe(true);
    }
    if (how === 'stop') expect(metrics.raw).toHaveLength(PRICES); // graceful: not even a re-send

    // Handled once each, downstream too: the inboxes hold one row per event.
    const handled = await eventually(
      'risk to handle every metric',
      () => stack.database.query<{ n: string }>("SELECT count(*) AS n FROM risk.processed_message WHERE consumer_group = 'risk'"),
      (rows) => Number(rows[0].n) >= PRICES,
      30_000,
    );
    expect(Number(handled[0].n)).toBe(PRICES);
    const valuationInbox = await stack.database.query<{ n: string }>('SELECT count(*) AS n FROM valuation.processed_message');
    expect(Number(valuationInbox[0].n)).toBe(PRICES + 1);
    const ruleState = await stack.database.query<{ last_metric_id: string }>('SELECT last_metric_id FROM risk.rule_state');
    expect(byId.has(ruleState[0].last_metric_id)).toBe(true);
  });
});
