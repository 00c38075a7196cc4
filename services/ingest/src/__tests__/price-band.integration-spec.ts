import { Topics } from '@hashdesk/contracts';
import { IngestHarness } from './ingest-harness';

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

/**
 * The price band on the real broker and database (issue 13): a pushed BTC price far from its
 * neighbours (6,500 USD for 2025-01-01, which moved that day's hashprice to 332 USD/PH/day) is refused
 * and quarantined with its reason, and never reaches the price topic; a bad row of a backfill file is
 * quarantined while the rest of the file is recorded.
 */
describe('ingest: price band', () => {
  const harness = new IngestHarness('ingest-price-band');

  beforeAll(async () => {
    await harness.prepare();
    await harness.start();
  });
  afterAll(() => harness.stop());

  it('quarantines a pushed 6,500 USD for 2025-01-01 between ~93,000 and ~97,000, naming field, value, neighbours and band, and publishes no price', async () => {
    const prices = await harness.probe(Topics.priceObserved);
    const quarantine = await harness.probe(Topics.observationQuarantined);
    const seeded = await harness.post('/v1/observations/batch', ndjson([
      { kind: 'btc-price', priceUsd: 93_389.73, observedAt: '2024-12-31T23:59:59Z', source: 'desk-a' },
      { kind: 'btc-price', priceUsd: 96_851.39, observedAt: '2025-01-02T23:59:59Z', source: 'desk-a' },
    ]), 'application/x-ndjson');
    expect(seeded).toMatchObject({ status: 202, body: { accepted: 2, published: 2 } });

    const bad = await harness.post('/v1/observations/btc-price', { priceUsd: 6_500, observedAt: '2025-01-01T23:59:59Z', source: 'desk-b' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'IMPLAUSIBLE_RECORD', quarantined: [{ quarantineId: expect.any(String) }] });
    expect(bad.body.violations).toEqual([{
      field: 'priceUsd',
      rule: 'priceBand',
      message: '6500 USD is outside the band ×/÷2 (bandRatio 1) of every neighbour within 7 days: '
        + '93389.73 USD at 2024-12-31T23:59:59.000Z from push:desk-a, 96851.39 USD at 2025-01-02T23:59:59.000Z from push:desk-a',
    }]);
    const [{ quarantineId }] = bad.body.quarantined as Array<{ quarantineId: string }>;

    const events = await quarantine.waitFor((e) => e.some((q) => q.message.quarantineId === quarantineId), 30_000, 'the quarantined 6,500');
    const event = events.find((q) => q.message.quarantineId === quarantineId)?.message;
    expect(event).toMatchObject({ kind: 'btc-price', source: 'push:desk-b', origin: 'http:btc-price' });
    expect(event?.violations.map((v) => [v.field, v.rule])).toEqual([['priceUsd', 'priceBand']]);
    expect(JSON.parse(event?.recordJson ?? 'null')).toMatchObject({ priceUsd: 6_500 });

    // Watermark: a plausible price for the same day, posted after. Same pair, same partition, outbox
    // order: had the 6,500 been stored, it would have been published before this one.
    const sentinel = await harness.post('/v1/observations/btc-price', { priceUsd: 94_455.8, observedAt: '2025-01-01T23:59:59Z', source: 'desk-c' });
    expect(sentinel.status).toBe(202);
    await prices.waitFor((e) => e.some((p) => p.message.observationId === sentinel.body.observationId), 30_000, 'the sentinel price');
    expect(prices.events.map((p) => [p.message.source, p.message.priceUsd])).toEqual([
      ['push:desk-a', 93_389.73], ['push:desk-a', 96_851.39], ['push:desk-c', 94_455.8],
    ]);
    expect(await harness.count("SELECT count(*) AS n FROM ingest.observation WHERE (\"values\"->>'priceUsd')::float8 = 6500")).toBe(0);
    expect(await harness.count(`SELECT count(*) AS n FROM ingest.observation_quarantine WHERE id = '${quarantineId}'`)).toBe(1);
  });

  it('rejects an NDJSON batch whose bad line sits between good lines of the same batch, naming the line', async () => {
    const rejected = await harness.post('/v1/observations/batch', ndjson([
      { kind: 'btc-price', priceUsd: 101_000, observedAt: '2025-02-01T23:59:59Z', source: 'desk-d' },
      { kind: 'btc-price', priceUsd: 9_700, observedAt: '2025-02-02T23:59:59Z', source: 'desk-d' },
      { kind: 'btc-price', priceUsd: 97_500, observedAt: '2025-02-03T23:59:59Z', source: 'desk-d' },
    ]), 'application/x-ndjson');
    expect(rejected.status).toBe(400);
    expect((rejected.body.violations as Array<Record<string, unknown>>).map((v) => [v.line, v.field, v.rule])).toEqual([[2, 'priceUsd', 'priceBand']]);
    expect(await harness.count("SELECT count(*) AS n FROM ingest.observation WHERE source = 'push:desk-d'")).toBe(0);
  });

  it('quarantines the bad day of a backfill file and records the others', async () => {
    const csv = ['date,price_usd', '2025-03-01,86000', '2025-03-02,94000', '2025-03-03,8600', '2025-03-04,87000', '2025-03-05,90000'].join('\n');
    const summary = await harness.post('/v1/backfill/daily-history?source=file-e', csv, 'text/csv');
    expect(summary.status).toBe(202);
    expect(summary.body).toMatchObject({ observations: 5, published: 4, quarantined: [{ line: 4, rules: ['priceUsd:priceBand'] }] });
    expect(await harness.count("SELECT count(*) AS n FROM ingest.observation WHERE source = 'file-e'")).toBe(4);
  });
});
