import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { createIdempotentProducer } from '@hashdesk/messaging';
import { eventually, TEST_ADMIN_HEADERS } from '@hashdesk/testing';
import { Stack } from './stack';

/**
 * Standing scenarios re-run on each company valuation, through the real broker and PostgreSQL:
 * ingest (profile, price, snapshot) → valuation (valuation.company.valued.v1) → risk
 * (risk.scenarios.evaluated.v1, stored and queryable); a redelivered valuation produces nothing new.
 */
const riot = JSON.parse(readFileSync(resolve(__dirname, '../../../data/companies/riot.json'), 'utf8')) as Record<string, unknown>;
const STANDING = [
  'btc −20 %', 'btc −40 %', 'btc −60 %', 'difficulty +10 %', 'difficulty +25 %', 'fees −50 %', 'power +30 %', 'power +50 %', 'next halving',
  'btc −20 % & difficulty +10 %', 'next halving & btc −20 %', 'btc −40 % & difficulty +25 % & power +30 %',
  'severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving',
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('risk scenarios on company valuations', () => {
  const stack = new Stack('risk-scenarios');
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${stack.service('risk').url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const post = async (path: string, body: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${stack.service('risk').url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const countRows = async (sql: string): Promise<number> => Number((await stack.database.query<{ n: string }>(sql))[0].n);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'valuation', 'risk');
  }, 180_000);
  afterAll(() => stack.stopAll());

  it('given RIOT, a price and a snapshot, when valuation values RIOT, then risk publishes its standing scenarios with lineage to the valuation event, once', async () => {
    const valued = await stack.probe(Topics.companyValued);
    const evaluated = await stack.probe(Topics.scenariosEvaluated);
    const alerts = await stack.probe(Topics.alertRaised);
    const profile = await stack.post('/v1/companies/profiles', riot);
    expect(profile.status).toBe(202);
    // Risk keeps the version too (its only source of profiles), and judges the valuation with it.
    await eventually('the profile version in risk', () => countRows('SELECT count(*) AS n FROM risk.company_profile_version'), (n) => n === 1);
    const entry = await eventually('RIOT on the watchlist', () => post('/v1/risk/watchlist', { ticker: 'RIOT' }), (r) => r.status === 201);
    const line = await post(`/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'break-even-btc-price', levelUsd: 120_000 });
    expect(line.status).toBe(201);
    expect((await stack.post('/v1/observations/btc-price', { priceUsd: 110_000, observedAt: '2025-10-01T12:00:00Z' })).status).toBe(202);
    expect((await stack.post('/v1/observations/network-snapshot', { height: 918_144, difficulty: 150.1e12, feesPerBlockSats: 2_000_000, observedAt: '2025-10-01T12:00:00Z' })).status).toBe(202);

    const [valuation] = await valued.waitFor((e) => e.some((x) => x.message.ticker === 'RIOT'), 60_000, 'the RIOT valuation');
    const [event] = (await evaluated.waitFor((e) => e.some((x) => x.message.lineage?.inputs[0]?.eventId === valuation.meta.id), 60_000, 'the RIOT scenarios'))
      .filter((x) => x.message.lineage?.inputs[0]?.eventId === valuation.meta.id);
    expect(event.key).toBe('RIOT');
    expect(event.message.ticker).toBe('RIOT');
    expect(event.message.valuationId).toBe(valuation.message.valuationId);
    expect(event.message.asOf).toEqual(valuation.message.asOf);
    expect(event.message.scenarios.map((s) => s.name)).toEqual(STANDING);
    expect(event.message.base?.btcPriceUsd).toBe(valuation.message.btcPriceUsd);
    expect(event.message.scenarios[0].btcPriceUsd).toBeCloseTo(valuation.message.btcPriceUsd * 0.8, 6);
    expect(event.message.feesBtcPerBlock).toBeCloseTo(0.02, 12);
    expect(event.message.lineage?.inputs).toHaveLength(2);
    expect(event.message.lineage?.inputs[0]).toMatchObject({ eventId: valuation.meta.id, eventType: Topics.companyValued.schema.typeName });
    expect(event.message.lineage?.inputs[1]).toMatchObject({ eventId: profile.body.versionId, eventType: Topics.companyProfileRecorded.schema.typeName });
    expect(event.message.lineage?.methodologyVersion).toMatch(/^risk\.standing-scenarios\/1 \(hashdesk\.economics\.company\/1/);
    expect(event.meta.id).toBe(event.message.evaluationId);

    // The company's economic stop lines are judged on the valuation's market (and on the network hashprice figure,
    // whichever risk reads first): 110 000 USD is under the 120 000 line, one breach.
    const [alert] = await alerts.waitFor((e) => e.length >= 1, 30_000, 'the break-even BTC price breach');
    expect(alert.message).toMatchObject({ subject: 'RIOT', ruleId: `stop-line.break-even-btc-price.${line.body.lineId}`, value: 110_000, threshold: 120_000 });
    expect([Topics.companyValued.schema.typeName, Topics.hashpriceComputed.schema.typeName]).toContain(alert.message.lineage?.inputs[0]?.eventType);

    // Stored and queryable, point in time by the valuation's as-of.
    const latest = await get('/v1/risk/companies/riot/scenarios');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ ticker: 'RIOT', evaluationId: event.message.evaluationId, valuationEventId: valuation.meta.id, asOf: '2025-10-01T12:00:00.000Z' });
    expect(latest.body.evaluation.standingScenarios.scenarios).toHaveLength(STANDING.length);
    expect((await get('/v1/risk/companies/RIOT/scenarios?asOf=2025-10-01T11:59:59Z')).status).toBe(404);
    const bad = await get('/v1/risk/companies/RIOT/scenarios?asOf=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.violations[0].field).toBe('asOf');

    // Grids at the stored market.
    const grid = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-power&powerUsdPerKwh=0.03,0.05');
    expect(grid.status).toBe(200);
    expect(grid.body).toMatchObject({ ticker: 'RIOT', kind: 'btc-x-power', metric: 'allInMarginRatio', marketSource: { evaluationId: event.message.evaluationId } });
    expect(grid.body.rowAxis.values).toContain(110_000);
    expect(grid.body.cells).toHaveLength(grid.body.rowAxis.values.length);
    expect(grid.body.cells[0]).toHaveLength(2);
    // Power only: the fleet's power cost per BTC is linear in the power price, and the power margin is 1 − cost ÷ price.
    const powerCost = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-power&metric=powerCostPerBtcUsd&powerUsdPerKwh=0.03,0.06&btcPricesUsd=100000');
    expect(powerCost.status).toBe(200);
    const [[costAt3, costAt6]] = powerCost.body.cells as number[][];
    expect(costAt3).toBeGreaterThan(0);
    expect(costAt6 / costAt3).toBeCloseTo(2, 9);
    const powerMargin = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-power&metric=powerMarginRatio&powerUsdPerKwh=0.03,0.06&btcPricesUsd=100000');
    expect(powerMargin.body.cells[0][0]).toBeCloseTo(1 - costAt3 / 100_000, 9);
    // The difficulty grid at a stated power price: growth 0 is the power grid's cell at that price, growth 50 % lower.
    const underDifficulty = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-difficulty&metric=powerMarginRatio&powerUsdPerKwh=0.06&btcPricesUsd=100000&difficultyGrowthRatios=0,0.5');
    expect(underDifficulty.status).toBe(200);
    expect(underDifficulty.body.market.powerUsdPerKwh).toBe(0.06);
    expect(underDifficulty.body.cells[0][0]).toBeCloseTo(powerMargin.body.cells[0][1], 9);
    expect(underDifficulty.body.cells[0][1]).toBeLessThan(underDifficulty.body.cells[0][0]);
    const twoPrices = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-difficulty&powerUsdPerKwh=0.03,0.06');
    expect(twoPrices.status).toBe(400);
    expect(JSON.stringify(twoPrices.body)).toContain('powerUsdPerKwh');
    const difficulty = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-difficulty&metric=directMarginRatio');
    expect(difficulty.status).toBe(200);
    expect(difficulty.body.columnAxis.name).toBe('difficultyGrowthRatioPerYear');
    const badKind = await get('/v1/risk/companies/RIOT/grid?kind=bogus');
    expect(badKind.status).toBe(400);
    expect(badKind.body.violations[0].field).toBe('kind');
    const badAxis = await get('/v1/risk/companies/RIOT/grid?kind=btc-x-power&btcPricesUsd=1,x');
    expect(badAxis.status).toBe(400);
    expect(badAxis.body.violations[0].field).toMatch(/^btcPricesUsd/);

    // A redelivered valuation (same event id) produces nothing new.
    const before = evaluated.events.length;
    const record = valued.raw.find((r) => r.headers.ce_id === valuation.meta.id);
    if (!record) throw new Error('the raw valuation record');
    const rawBefore = valued.raw.length; // counted before the send: the copy can arrive before the wait starts
    const producer = createIdempotentProducer(stack.kafka);
    await producer.connect();
    await producer.send({ topic: stack.namespace.topic(Topics.companyValued.name), acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    await producer.disconnect();
    await valued.waitForRaw(rawBefore + 1);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(evaluated.events.length).toBe(before);
    expect(alerts.events).toHaveLength(1);
    expect(await countRows(`SELECT count(*) AS n FROM risk.processed_message WHERE message_id = '${valuation.meta.id}'`)).toBe(1);
    expect(await countRows(`SELECT count(*) AS n FROM risk.scenario_evaluation WHERE valuation_event_id = '${valuation.meta.id}'`)).toBe(1);
  }, 180_000);

  it('given a restated balance sheet entered through ingest, when the new profile version reaches risk, then the company risk API reads it', async () => {
    const market = new URLSearchParams({ btcPriceUsd: '110000', difficulty: '150.1e12', height: '918144', feesBtcPerBlock: '0.02', sharePriceUsd: '15' });
    const before = await get(`/v1/risk/companies/RIOT?${market}`);
    expect(before.status).toBe(200);
    const restated = await stack.post('/v1/companies/RIOT/figures', { path: 'balanceSheet.totalDebtUsd', value: 2_000_000_000, asOf: '2025-10-15', source: 'e2e restatement' });
    expect(restated.status).toBe(202);
    await eventually('version 2 in risk', () => countRows(`SELECT count(*) AS n FROM risk.company_profile_version WHERE ticker = 'RIOT' AND version = 2`), (n) => n === 1);
    const after = await get(`/v1/risk/companies/RIOT?${market}`);
    // The shipped profile states no total debt, so no net debt; version 2 does: net debt = debt − cash.
    const cashUsd = (riot as { balanceSheet: { cashUsd: { value: number } } }).balanceSheet.cashUsd.value;
    expect(before.body.balanceSheetRisk.netDebtUsd).toBeNull();
    expect(after.body.balanceSheetRisk.netDebtUsd).toBeCloseTo(2_000_000_000 - cashUsd, 0);
  }, 60_000);
});
