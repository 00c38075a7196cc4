import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EquityQuoteObservedSchema, Topics, type CompanyValued } from '@hashdesk/contracts';
import { createIdempotentProducer, encodeMessage, metaToHeaders, newEventId, TopicNamespace, TopicProbe } from '@hashdesk/messaging';
import { dropDatabase } from '@hashdesk/persistence';
import { eventually } from '@hashdesk/testing';
import { Stack } from './stack';

/**
 * Company valuations through the real broker and PostgreSQL: ingest (profiles, figures, prices,
 * snapshots) → valuation (valuation.company.valued.v1, history, query API). Out-of-order and duplicate
 * inputs, a restatement, as-of queries without look-ahead and a restart mid-stream.
 */
const riot = JSON.parse(readFileSync(resolve(__dirname, '../../../data/companies/riot.json'), 'utf8')) as Record<string, unknown>;
const day = (n: number): string => `2025-10-${String(n).padStart(2, '0')}T12:00:00Z`;
const BASE_HEIGHT = 918_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('company valuations', () => {
  const stack = new Stack('valuation-companies');
  const priceIds = new Map<number, string>();
  const networkIds = new Map<number, string>();

  const price = async (n: number, usd = 110_000 + n * 100): Promise<void> => {
    const r = await stack.post('/v1/observations/btc-price', { priceUsd: usd, observedAt: day(n) });
    expect(r.status).toBe(202);
    priceIds.set(n, String(r.body.observationId));
  };
  const network = async (n: number): Promise<void> => {
    const r = await stack.post('/v1/observations/network-snapshot', {
      height: BASE_HEIGHT + n * 144, difficulty: 150e12 + n * 1e11, feesPerBlockSats: 2_000_000, observedAt: day(n),
    });
    expect(r.status).toBe(202);
    networkIds.set(n, String(r.body.observationId));
  };
  const get = async (path: string): Promise<{ status: number; body: Json; text: string; type: string | null }> => {
    // One retry: a keep-alive socket the server closed while the test ran a command in between.
    const response = await fetch(`${stack.service('valuation').url}${path}`).catch(() => fetch(`${stack.service('valuation').url}${path}`));
    const text = await response.text();
    let body: Json = {};
    try {
      body = JSON.parse(text) as Json;
    } catch {
      /* CSV or NDJSON */
    }
    return { status: response.status, body, text, type: response.headers.get('content-type') };
  };
  const inputIds = (v: Json | CompanyValued): string[] => (v.lineage?.inputs ?? []).map((i: Json) => i.eventId as string);
  const countRows = async (sql: string): Promise<number> => Number((await stack.database.query<{ n: string }>(sql))[0].n);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation');
  });
  afterAll(() => stack.stopAll());

  it('validates a profile with the JSON Schema rules and names the field and rule', async () => {
    const broken = { ...riot, fleet: { ...(riot['fleet'] as Json), efficiencyJth: { value: -1, asOf: '2025-09', source: 's' } } };
    const r = await stack.post('/v1/companies/profiles', broken);
    expect(r.status).toBe(400);
    expect(r.body.violations).toEqual([{ field: 'fleet.efficiencyJth.value', rule: 'NOT_POSITIVE', message: 'must be greater than 0' }]);
    const unknownTicker = await stack.post('/v1/companies/ZZZZ/figures', { path: 'balanceSheet.cashUsd', value: 1, asOf: '2025-09-30', source: 's' });
    expect(unknownTicker.status).toBe(404);
  });

  it('records a profile once, values it on out-of-order inputs, and answers as of a time without look-ahead', async () => {
    const profiles = await stack.probe(Topics.companyProfileRecorded);
    const valued = await stack.probe(Topics.companyValued);
    const first = await stack.post('/v1/companies/profiles', riot);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ ticker: 'RIOT', version: 1, published: true, eventTime: '2025-09-30T23:59:59.000Z' });
    expect((await stack.post('/v1/companies/profiles', riot)).body).toMatchObject({ version: 1, published: false });

    // Out of order across both topics: price 2, network 3, network 1, price 3, price 1, network 2.
    await price(2);
    await network(3);
    await network(1);
    await price(3);
    await price(1);
    await network(2);
    const samePair = (ids: string[], n: number) => ids.includes(priceIds.get(n) as string) && ids.includes(networkIds.get(n) as string);
    const events = await valued.waitFor((e) => [1, 2, 3].every((n) => e.some((x) => samePair(inputIds(x.message), n))), 60_000, 'the valuations of days 1-3');
    await profiles.waitFor((e) => e.length >= 1);
    expect(profiles.events).toHaveLength(1); // the same content is published once

    // No look-ahead: every input of every valuation is dated at or before its as-of.
    for (const { message } of events) {
      const asOf = message.asOf?.seconds ?? 0n;
      for (const input of message.lineage?.inputs ?? []) expect(input.eventTime?.seconds ?? 0n).toBeLessThanOrEqual(asOf);
      expect(message.lineage?.methodologyVersion).toMatch(/^company-valuation\/1 \(hashdesk\.economics\.company\/1/);
    }

    // As of each day: that day's price and snapshot.
    for (const n of [1, 2, 3]) {
      const r = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(n))}`);
      expect(r.status).toBe(200);
      expect(r.body.asOf).toBe(day(n));
      expect(inputIds(r.body).sort()).toEqual([first.body.versionId, priceIds.get(n), networkIds.get(n)].sort());
      expect(r.body.metrics.ticker).toBe('RIOT');
      expect(r.body.metrics.btcPerDay).toBeGreaterThan(0);
    }
    // Between days: still day 1 (day 2's inputs were not true yet).
    const between = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent('2025-10-02T11:59:59Z')}`);
    expect(between.body.asOf).toBe(day(1));
    // Before the profile's date nothing can be valued.
    expect((await get('/v1/companies/RIOT/valuation?asOf=2025-09-01T00:00:00Z')).status).toBe(404);
  });

  it('deduplicates a redelivered input: nothing recomputed or published twice', async () => {
    const prices = await stack.probe(Topics.priceObserved);
    await prices.waitForRaw(3);
    const before = await countRows('SELECT count(*) AS n FROM valuation.company_valuation');
    const producer = createIdempotentProducer(stack.kafka);
    await producer.connect();
    const record = prices.raw[0];
    await producer.send({ topic: stack.namespace.topic(Topics.priceObserved.name), messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    await producer.disconnect();
    await prices.waitForRaw(4);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(await countRows('SELECT count(*) AS n FROM valuation.company_valuation')).toBe(before);
    expect(await countRows(`SELECT count(*) AS n FROM valuation.processed_message WHERE message_id = '${record.headers.ce_id}'`)).toBe(1);
    // ingest too: the same observation pushed again is not published again
    const again = await stack.post('/v1/observations/btc-price', { priceUsd: 110_100, observedAt: day(1) });
    expect(again.body).toMatchObject({ published: false });
  });

  it('revalues from a restatement on and keeps the earlier values queryable as first published', async () => {
    const valued = await stack.probe(Topics.companyValued);
    const beforeRestatement = new Date().toISOString();
    const original = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(3))}`);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    const restated = await stack.post('/v1/companies/RIOT/figures', {
      path: 'balanceSheet.cashUsd', value: 999_000_000, asOf: '2025-09-30', source: 'https://example.test/10-Q/A', sourceQuality: 'primary', note: 'restated',
    });
    expect(restated.status).toBe(202);
    expect(restated.body).toMatchObject({ version: 2, published: true, eventTime: '2025-09-30T23:59:59.000Z' });

    await valued.waitFor((e) => [1, 2, 3].every((n) => e.some((x) => x.message.profileVersion === 2 && inputIds(x.message).includes(priceIds.get(n) as string))), 60_000, 'revaluations with version 2');
    const latest = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(3))}`);
    expect(latest.body.profileVersion).toBe(2);
    expect(latest.body.valuation.btcHoldingsUsd).toBe(original.body.valuation.btcHoldingsUsd);
    expect(latest.body.metrics.liquidityUsd).not.toBe(original.body.metrics.liquidityUsd);
    // Known before the restatement: the answer given then, byte for byte the same valuation.
    const asKnown = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(3))}&knownAt=${encodeURIComponent(beforeRestatement)}`);
    expect(asKnown.body.valuationId).toBe(original.body.valuationId);
    expect(asKnown.body.profileVersion ?? 1).toBe(1);
    // History keeps both.
    const history = await get(`/v1/companies/RIOT/valuations?from=${encodeURIComponent(day(3))}&to=${encodeURIComponent(day(3))}`);
    expect(new Set(history.body.items.map((i: Json) => i.profileVersion ?? 1))).toEqual(new Set([1, 2]));
    expect(await countRows("SELECT count(*) AS n FROM ingest.company_profile_version WHERE ticker = 'RIOT'")).toBe(2);
  });

  it('values with the newest share quote at or before the market point (mNAV, market cap, EV)', async () => {
    const valued = await stack.probe(Topics.companyValued);
    const time = new Date('2025-10-03T20:00:00Z');
    const quote = create(EquityQuoteObservedSchema, {
      observationId: newEventId(), eventTime: timestampFromDate(time), learnedTime: timestampFromDate(new Date()), ticker: 'RIOT', priceUsd: 14, source: 'e2e', quoteType: 'daily-close',
    });
    const id = newEventId();
    const producer = createIdempotentProducer(stack.kafka);
    await producer.connect();
    await producer.send({
      topic: stack.namespace.topic(Topics.equityObserved.name), acks: -1,
      messages: [{ key: 'RIOT', value: encodeMessage(Topics.equityObserved, quote), headers: metaToHeaders({ id, type: Topics.equityObserved.schema.typeName, source: 'hashdesk/e2e', time }) }],
    });
    await producer.disconnect();
    const [event] = (await valued.waitFor((e) => e.some((x) => inputIds(x.message).includes(id)), 60_000, 'the valuation with the quote')).filter((x) => inputIds(x.message).includes(id));
    expect(event.message.sharePriceUsd).toBe(14);
    expect(inputIds(event.message)).toEqual(expect.arrayContaining([priceIds.get(3), networkIds.get(3), id]));
    const r = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(time.toISOString())}`);
    expect(r.body.valuationId).toBe(event.message.valuationId);
    expect(r.body.metrics.marketCapUsd).toBeGreaterThan(0);
    expect(r.body.metrics.mNavBasic).toBeGreaterThan(0);
    // A market point before the quote does not use it (no look-ahead).
    expect((await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(3))}`)).body.sharePriceUsd).toBeUndefined();
  });

  it('serves the comparables table with sources, CSV and NDJSON, and clear 400s', async () => {
    const json = await get('/v1/comparables?sort=evPerEhUsd&order=desc');
    expect(json.status).toBe(200);
    expect(json.body.items).toHaveLength(1);
    expect(json.body.items[0]).toMatchObject({ ticker: 'RIOT', profileVersion: 2 });
    expect(json.body.items[0].sources.length).toBeGreaterThan(3);
    const csv = await get('/v1/comparables?sort=costPerBtcUsd&order=asc&format=csv');
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^ticker,name,asOf,knownAt,profileVersion/);
    expect(csv.text.split('\r\n')[1]).toMatch(/^RIOT,/);
    const metrics = await get(`/v1/network/metrics?from=${encodeURIComponent(day(1))}&to=${encodeURIComponent(day(3))}&interval=1d&format=ndjson`);
    expect(metrics.type).toMatch(/ndjson/);
    expect(metrics.text.trim().split('\n').map((l) => JSON.parse(l).asOf)).toEqual([day(1), day(2), day(3)]);
    const companies = await get('/v1/companies');
    expect(companies.body.items).toEqual([expect.objectContaining({ ticker: 'RIOT', profileVersions: 2 })]);

    for (const [path, field] of [
      ['/v1/comparables?sort=bogus', 'sort'],
      ['/v1/comparables?order=up', 'order'],
      ['/v1/comparables?limit=0', 'limit'],
      ['/v1/comparables?format=xml', 'format'],
      ['/v1/network/metrics?from=2025-10-03T00:00:00Z&to=2025-10-01T00:00:00Z', 'from'],
      ['/v1/network/metrics?interval=5m', 'interval'],
      ['/v1/companies/riot/valuation', 'ticker'],
      ['/v1/companies/RIOT/valuation?asOf=yesterday', 'asOf'],
      ['/v1/comparables?surprise=1', 'surprise'],
    ] as const) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(r.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule: expect.any(String) })]));
    }
    const badFigure = await stack.post('/v1/companies/RIOT/figures', { path: 'balanceSheet.nope', value: 1, asOf: '2025-09-30', source: 's' });
    expect(badFigure.status).toBe(400);
    expect(badFigure.body.violations).toEqual([expect.objectContaining({ field: 'path', rule: 'isSourcedFigure' })]);
  });

  it('loses and doubles nothing across a crash mid-stream', async () => {
    const valued = await stack.probe(Topics.companyValued);
    for (const n of [4, 5]) {
      await network(n);
      await price(n);
    }
    await valued.waitFor((e) => e.some((x) => inputIds(x.message).includes(priceIds.get(5) as string)), 60_000, 'day 5');
    expect(await stack.service('valuation').kill()).toBeNull(); // SIGKILL
    for (const n of [6, 7]) {
      await network(n);
      await price(n);
    }
    await stack.start('valuation');
    for (const n of [8, 9]) {
      await network(n);
      await price(n);
    }
    await valued.waitFor((e) => e.some((x) => inputIds(x.message).includes(priceIds.get(9) as string) && inputIds(x.message).includes(networkIds.get(9) as string)), 90_000, 'day 9');
    await eventually('the outbox to drain', () => countRows('SELECT count(*) AS n FROM valuation.outbox_event WHERE published_at IS NULL'), (n) => n === 0, 30_000);
    await stack.settled(); // Every input handled exactly once; every stored valuation published, none twice (a re-send is the same bytes).
    const inputs = priceIds.size + networkIds.size + 2 + 1; // + profile versions 1 and 2, + the share quote
    expect(await countRows('SELECT count(*) AS n FROM valuation.processed_message')).toBe(inputs);
    const stored = await stack.database.query<{ valuation_id: string }>('SELECT valuation_id FROM valuation.company_valuation');
    const published = new Set(valued.events.map((e) => e.meta.id));
    expect(published).toEqual(new Set(stored.map((r) => r.valuation_id)));
    for (const raw of valued.raw) expect(raw.value?.equals(valued.raw.find((r) => r.headers.ce_id === raw.headers.ce_id)?.value as Buffer)).toBe(true);
    for (const n of [6, 7, 8, 9]) {
      const r = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(day(n))}`);
      expect(inputIds(r.body)).toEqual(expect.arrayContaining([priceIds.get(n), networkIds.get(n)]));
    }

  });

  it('replays every stored valuation from its inputs to byte-identical messages, run after run', () => {
    const root = resolve(__dirname, '../../..');
    const replay = () => JSON.parse(execFileSync(process.execPath, ['-r', './scripts/register.js', 'services/valuation/src/replay/replay.main.ts'], {
      cwd: root, env: { ...process.env, DATABASE_URL: stack.database.url }, encoding: 'utf8',
    })) as { valuations: number; identical: number; differ: number; missingInputs: number; sha256: string };
    const first = replay();
    expect(first.valuations).toBeGreaterThan(10);
    expect(first).toMatchObject({ identical: first.valuations, differ: 0, missingInputs: 0 });
    expect(replay().sha256).toBe(first.sha256);
  });

  it('rebuilds valuation from the ingest topics into a fresh database, to the same events run after run', async () => {
    const root = resolve(__dirname, '../../..');
    const replayUrl = new URL(stack.database.url);
    replayUrl.pathname = `${replayUrl.pathname}_valuation_replay`;
    const outputPrefix = `${stack.namespace.prefix.slice(0, -1)}-replay.`;
    type ByTopic = Record<string, { events: number; identicalToLive: number; differFromLive: number; notPublishedLive: number }>;
    const replay = () => JSON.parse(execFileSync(process.execPath, ['-r', './scripts/register.js', 'services/valuation/src/replay/replay-topics.main.ts', '--output-prefix', outputPrefix], {
      cwd: root, env: { ...process.env, DATABASE_URL: stack.database.url, KAFKA_TOPIC_PREFIX: stack.namespace.prefix }, encoding: 'utf8',
    })) as { inputs: number; events: number; sha256: string; byTopic: ByTopic };
    try {
      const first = replay();
      const inputs = await countRows('SELECT count(*) AS n FROM valuation.processed_message');
      expect(first.inputs).toBeGreaterThanOrEqual(inputs); // a record published twice is one input
      // A valuation is a pure function of the inputs its id names: the same id is the same bytes.
      const valued = first.byTopic[Topics.companyValued.name];
      expect(valued.identicalToLive).toBeGreaterThan(10);
      expect(valued.differFromLive).toBe(0);
      // Live, an input that arrived before its partner kept its first pairing; the rebuild pairs in event-time order.
      // Where live fed in that order too, the figures are the same events.
      expect(first.byTopic[Topics.hashpriceComputed.name].identicalToLive).toBeGreaterThan(5);
      const second = replay();
      expect(second.sha256).toBe(first.sha256);
      expect(second.byTopic).toEqual(first.byTopic);
      // The rebuilt events reached the output namespace, not the live topics.
      const rebuilt = await new TopicProbe(stack.kafka, new TopicNamespace(outputPrefix), Topics.companyValued).start();
      try {
        await rebuilt.waitFor((e) => e.length >= 2 * valued.events, 30_000, 'both rebuilds on the replay topic');
      } finally {
        await rebuilt.stop();
      }
    } finally {
      await dropDatabase(replayUrl.toString());
    }
  });

  it('projects each company\'s margin change before a retarget and confirms it when the adjustment lands', async () => {
    // Days 1-9 climb 144 blocks a day from 918,144: day 7 (919,008) is the first within 288 blocks of the retarget at 919,296; day 9 is on it.
    const margins = await stack.probe(Topics.companyMarginProjected);
    const events = await margins.waitFor((e) => e.length >= 2, 30_000, 'a projection and its confirmation');
    const [projected, confirmed] = [1, 2].map((status) => events.find((e) => e.message.ticker === 'RIOT' && e.message.status === status)?.message);
    expect(projected).toMatchObject({ retargetHeight: 919_296, height: BASE_HEIGHT + 7 * 144, currentDifficulty: 150e12 + 7e11 });
    expect(projected?.powerMarginRatioAfter).toBeDefined();
    expect(Math.sign((projected?.powerMarginRatioAfter ?? 0) - (projected?.powerMarginRatioBefore ?? 0))).toBe(-Math.sign(projected?.difficultyChangePct ?? 0));
    expect(confirmed).toMatchObject({ retargetHeight: 919_296, height: BASE_HEIGHT + 9 * 144, currentDifficulty: 150e12 + 7e11, nextDifficulty: 150e12 + 9e11, projectedDifficulty: projected?.nextDifficulty });
    expect(events.filter((e) => e.message.ticker === 'RIOT')).toHaveLength(2);
    // Snapshots 144 blocks a day apart: the period runs at 600 s a block, so the retarget at 919,296 is
    // projected flat on every figure of days 5-8 (day 1 is the period's lowest known snapshot by then).
    const paced = await get(`/v1/network/metrics?from=${encodeURIComponent(day(5))}&to=${encodeURIComponent(day(8))}`);
    const figures = paced.body.items as Json[];
    expect(figures.length).toBeGreaterThanOrEqual(4);
    for (const m of figures) {
      expect(m).toMatchObject({ nextRetargetHeight: 919_296 });
      expect(m.meanBlockIntervalSeconds).toBeCloseTo(600, 6);
      expect(m.nextRetargetDifficultyChangePct).toBeCloseTo((2016 / 2015 - 1) * 100, 6);
      expect(m.nextRetargetHashpriceUsdPerPhDayAfter).toBeCloseTo(m.hashpriceUsdPerPhDay / (1 + m.nextRetargetDifficultyChangePct / 100), 6);
    }
    const listed = await get('/v1/companies/RIOT/margin-projections');
    expect(listed.body.items.map((i: Json) => [i.retargetHeight, i.status])).toEqual([[919_296, 'projected'], [919_296, 'confirmed']]);
  });

  it('loads the shipped profiles with the load command, once', () => {
    const root = resolve(__dirname, '../../..');
    const load = () => JSON.parse(execFileSync(process.execPath, ['-r', './scripts/register.js', 'services/ingest/src/companies/load-profiles.main.ts'], {
      cwd: root, env: { ...process.env, ...stack.env(), LOG_LEVEL: 'warn' }, encoding: 'utf8',
    }).trim().split('\n').pop() as string) as { files: number; failed: number; published: number };
    expect(load()).toMatchObject({ files: 12, failed: 0, published: 11 }); // RIOT's file content is already version 1
    expect(load()).toMatchObject({ files: 12, failed: 0, published: 0 });
  });

  it('lists the shipped companies in the comparables table once their profiles are valued (cache dropped on each publish)', async () => {
    // BTDR's profile is dated 2025-12-31, months after this test's newest market state (2025-10-09): not valued, no look-ahead.
    const all = await eventually('11 companies in the comparables', () => get('/v1/comparables?limit=20'), (r) => r.body.items?.length === 11, 60_000);
    expect(all.body.items.map((i: Json) => i.ticker)).not.toContain('BTDR');
    expect(all.body.items.every((i: Json) => i.sources.length > 0)).toBe(true);
    expect((await get('/v1/companies')).body.page.total).toBe(12);
  });
});
