import { Topics } from '@hashdesk/contracts';
import { IngestHarness, sleep } from './ingest-harness';

const start = Date.parse('2025-12-01T00:00:00Z');
const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const UNPUBLISHED = 'SELECT count(*) AS n FROM ingest.outbox_event WHERE published_at IS NULL';

/**
 * The ingest service as a real process on the real broker: a crash (SIGKILL) between the database
 * write and the publish loses nothing and doubles nothing; the same observation ingested twice is
 * published once; a rejected batch publishes nothing but quarantines its implausible records.
 */
describe('ingest: nothing lost, nothing doubled', () => {
  const harness = new IngestHarness('ingest-crash');

  beforeAll(() => harness.prepare());
  afterAll(() => harness.stop());

  it('publishes exactly one message per observation after a crash between the write and the publish', async () => {
    await harness.start({ INGEST_OUTBOX_RELAY: 'off' }); // stores with the outbox row, publishes nothing
    const prices = await harness.probe(Topics.priceObserved);
    const network = await harness.probe(Topics.networkObserved);

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await harness.post('/v1/observations/btc-price', { priceUsd: 90_000 + i, observedAt: at(i) });
      expect(r.status).toBe(202);
      expect(r.body.published).toBe(true);
      ids.push(String(r.body.observationId));
    }
    const batch = await harness.post('/v1/observations/batch', ndjson([
      ...Array.from({ length: 10 }, (_, i) => ({ kind: 'btc-price', priceUsd: 91_000 + i, observedAt: at(100 + i) })),
      ...Array.from({ length: 5 }, (_, i) => ({ kind: 'network-snapshot', height: 925_000 + i, difficulty: 149.3e12, feesPerBlockSats: 2_000_000, observedAt: at(100 + i) })),
    ]), 'application/x-ndjson');
    expect(batch.status).toBe(202);
    expect(batch.body).toMatchObject({ accepted: 15, published: 15 });
    ids.push(...(batch.body.observations as Array<{ observationId: string }>).map((o) => o.observationId));

    // Written, not published: the crash comes between the two.
    expect(await harness.count(UNPUBLISHED)).toBe(25);
    await sleep(1_000);
    expect(prices.raw).toHaveLength(0);
    expect(await harness.service!.kill()).toBeNull();

    await harness.start(); // relay on: publishes what the dead process left behind
    await prices.waitForRaw(20, 30_000);
    await network.waitForRaw(5, 30_000);
    await sleep(1_500); // anything extra would show up now
    const published = [...prices.raw, ...network.raw].map((r) => r.headers.ce_id);
    expect(published).toHaveLength(25);
    expect([...published].sort()).toEqual([...ids].sort());
    expect(await harness.count(UNPUBLISHED)).toBe(0);
  });

  it('publishes the same observation once, however often it is ingested', async () => {
    const prices = await harness.probe(Topics.priceObserved);
    await prices.waitForRaw(20, 30_000); // what the first test published
    const body = { priceUsd: 88_888, observedAt: at(500), source: 'desk-a' };
    const first = await harness.post('/v1/observations/btc-price', body);
    const again = await harness.post('/v1/observations/btc-price', body);
    const inBatch = await harness.post('/v1/observations/batch', ndjson([{ kind: 'btc-price', ...body }, { kind: 'btc-price', ...body }]), 'application/x-ndjson');
    expect([first.status, again.status, inBatch.status]).toEqual([202, 202, 202]);
    expect(first.body.published).toBe(true);
    expect(again.body).toMatchObject({ observationId: first.body.observationId, published: false });
    expect(inBatch.body).toMatchObject({ accepted: 2, published: 0 });
    await prices.waitForRaw(21, 30_000);
    await sleep(1_500);
    expect(prices.raw.filter((r) => r.headers.ce_id === first.body.observationId)).toHaveLength(1);
    expect(prices.raw).toHaveLength(21);
  });

  it('rejects a batch with a bad record: 400 naming line, field and rule, nothing published, implausible records quarantined', async () => {
    const prices = await harness.probe(Topics.priceObserved);
    const quarantine = await harness.probe(Topics.observationQuarantined);
    await prices.waitForRaw(21, 30_000);
    const rejected = await harness.post('/v1/observations/batch', ndjson([
      { kind: 'btc-price', priceUsd: 92_000, observedAt: at(600) },
      { kind: 'btc-price', priceUsd: -5, observedAt: at(601) },
      { kind: 'network-snapshot', height: 924_000, difficulty: 149.3e12, feesPerBlockSats: 1, observedAt: at(602) }, // below 925,004 at minute 104
      { kind: 'network-snapshot', height: 926_000, difficulty: 0, feesPerBlockSats: 1, observedAt: at(603) },
    ]), 'application/x-ndjson');
    expect(rejected.status).toBe(400);
    expect(rejected.body.error).toBe('IMPLAUSIBLE_RECORD');
    expect((rejected.body.violations as Array<Record<string, unknown>>).map((v) => [v.line, v.field, v.rule])).toEqual([
      [2, 'priceUsd', 'isPositive'],
      [3, 'height', 'heightNotBackwards'],
      [4, 'difficulty', 'isPositive'],
    ]);
    expect((rejected.body.quarantined as unknown[]).length).toBe(3);

    const shape = await harness.post('/v1/observations/batch', ndjson([{ kind: 'btc-price', priceUsd: 92_000, observedAt: at(700) }, { kind: 'btc-price', observedAt: at(701) }]), 'application/x-ndjson');
    expect(shape.status).toBe(400);
    expect(shape.body.violations).toEqual([expect.objectContaining({ line: 2, field: 'priceUsd', rule: 'isNumber' })]);

    const single = await harness.post('/v1/observations/btc-price', { priceUsd: 0, observedAt: at(800) });
    expect(single.status).toBe(400);
    expect(single.body.violations).toEqual([{ field: 'priceUsd', rule: 'isPositive', message: 'must be greater than 0' }]);

    const events = await quarantine.waitFor((e) => e.length >= 4, 30_000, 'four quarantined records');
    expect(events.map((e) => [e.message.origin, e.message.violations.map((v) => v.rule)])).toEqual(expect.arrayContaining([
      ['http:batch line 2', ['isPositive']],
      ['http:batch line 3', ['heightNotBackwards']],
      ['http:batch line 4', ['isPositive']],
      ['http:btc-price', ['isPositive']],
    ]));
    expect(JSON.parse(events.find((e) => e.message.origin === 'http:batch line 2')!.message.recordJson)).toMatchObject({ priceUsd: -5 });
    await sleep(1_500);
    expect(prices.raw).toHaveLength(21); // nothing from either rejected batch
    expect(await harness.count("SELECT count(*) AS n FROM ingest.observation WHERE event_time >= '2025-12-01T10:00:00Z'")).toBe(0);
    expect(await harness.count('SELECT count(*) AS n FROM ingest.observation_quarantine')).toBe(4);
  });

  it('refuses a body of a type any web page can post cross-origin (415) and an oversized one (413), storing nothing', async () => {
    const before = await harness.count('SELECT count(*) AS n FROM ingest.observation');
    const line = ndjson([{ kind: 'btc-price', priceUsd: 92_000, observedAt: at(900) }]);
    const plainBatch = await harness.post('/v1/observations/batch', line, 'text/plain');
    expect(plainBatch.status).toBe(415);
    const plainCsv = await harness.post('/v1/backfill/daily-history', 'date,price_usd\n2025-01-01,93000\n', 'text/plain');
    expect(plainCsv.status).toBe(415);
    const huge = await harness.post('/v1/backfill/daily-history', `date,price_usd\n${'2025-01-01,93000\n'.repeat(300_000)}`, 'text/csv');
    expect(huge.status).toBe(413);
    expect(String(huge.body.message)).toMatch(/at most 4194304 bytes/);
    // Shape before validation: a NUL in a string and JSON nested 5,000 deep are 400s naming the field, not 500s.
    const nul = await harness.post('/v1/observations/btc-price', { priceUsd: 90_000, observedAt: at(901), source: 'desk\u0000a' });
    expect(nul.status).toBe(400);
    expect(nul.body.violations).toEqual([expect.objectContaining({ field: 'source', rule: 'wellFormedString' })]);
    const deep = await harness.post('/v1/observations/btc-price', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`);
    expect(deep.status).toBe(400);
    expect((deep.body.violations as Array<{ rule: string }>)[0].rule).toBe('maxDepth');
    expect(await harness.count('SELECT count(*) AS n FROM ingest.observation')).toBe(before);
  });

  it('quarantines a re-post of the same source and time with another value, naming the field, instead of dropping it', async () => {
    const quarantinedBefore = await harness.count('SELECT count(*) AS n FROM ingest.observation_quarantine');
    const storedBefore = await harness.count('SELECT count(*) AS n FROM ingest.observation');
    const conflicting = await harness.post('/v1/observations/btc-price', { priceUsd: 88_889, observedAt: at(500), source: 'desk-a' }); // 88,888 is stored
    expect(conflicting.status).toBe(400);
    expect(conflicting.body.violations).toEqual([expect.objectContaining({ field: 'priceUsd', rule: 'conflictingRepost' })]);
    expect(String((conflicting.body.violations as Array<{ message: string }>)[0].message)).toContain('88888');
    expect(await harness.count('SELECT count(*) AS n FROM ingest.observation_quarantine')).toBe(quarantinedBefore + 1);
    expect(await harness.count('SELECT count(*) AS n FROM ingest.observation')).toBe(storedBefore);
    const same = await harness.post('/v1/observations/btc-price', { priceUsd: 88_888, observedAt: at(500), source: 'desk-a' });
    expect(same.status).toBe(202);
    expect(same.body.published).toBe(false);
  });

  it('backfills the bundled daily history once: a rerun publishes nothing new', async () => {
    const network = await harness.probe(Topics.networkObserved);
    await network.waitForRaw(5, 30_000);
    await harness.service!.stop(); // one relay, so the history keeps its order on the topic
    const first = await harness.backfill([]);
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ days: 2_555, observations: 5_110, published: 5_110, quarantined: 0, pendingInOutbox: 0 });
    await network.waitForRaw(5 + 2_555, 60_000);
    const rerun = await harness.backfill([]);
    expect(rerun.summary).toMatchObject({ published: 0, duplicates: 5_110 });
    await sleep(1_500);
    expect(network.raw).toHaveLength(5 + 2_555);
    const history = network.events.filter((e) => e.message.source === 'coinmetrics-community').map((e) => e.message);
    expect(history[0]).toMatchObject({ height: 556_464 + 149 - 1, feeWindowBlocks: 149 });
    expect(history.every((m, i) => i === 0 || m.height > history[i - 1].height)).toBe(true); // in order
    expect(history.at(-1)!.eventTime!.seconds).toBe(BigInt(Date.parse('2025-12-29T23:59:59Z') / 1000));
  }, 120_000);
});
