import { Topics } from '@hashdesk/contracts';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';
import { TEST_ADMIN_HEADERS } from '@hashdesk/testing';

/**
 * The risk service's HTTP API as a process against the real broker and PostgreSQL: watchlists and
 * stop lines with persisted hysteresis state, signals through the alert outbox, scenarios and the
 * Monte Carlo on the worker pool (one company, a list and the whole universe).
 */
describe('risk API', () => {
  const stack = new Stack('risk-api');
  const market = { btcPriceUsd: 87_133.51, difficulty: 148.26e12, height: 930_000, feesBtcPerBlock: 0.0182, sharePriceUsd: 15 };
  const url = (path: string) => `${stack.service('risk').url}${path}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url(path), { method, headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('risk');
    await seedCompanyProfiles(stack);
  }, 120_000);
  afterAll(() => stack.stopAll());

  it('given a trailing stop on RIOT, when a quote path crosses, hovers, clears, crosses again and clears, then exactly four signals reach the alert topic; a repeated quote changes nothing', async () => {
    const alerts = await stack.probe(Topics.alertRaised);
    const entry = await call('POST', '/v1/risk/watchlist', { ticker: 'riot', note: 'e2e' });
    expect(entry.status).toBe(201);
    expect(entry.body.ticker).toBe('RIOT');
    const line = await call('POST', `/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'trailing', trailRatio: 0.1, recoveryMarginRatio: 0.02 });
    expect(line.status).toBe(201);

    const path = [10, 11, 12, 11.5, 10.7, 10.85, 10.75, 11.1, 10.9, 10.5, 12.5, 11.8];
    for (const [i, priceUsd] of path.entries()) {
      const quote = await call('POST', '/v1/risk/equity-quotes', { ticker: 'RIOT', priceUsd, observedAt: new Date(Date.UTC(2025, 11, 1 + i, 21)).toISOString() });
      expect(quote.status).toBe(202);
    }
    const again = await call('POST', '/v1/risk/equity-quotes', { ticker: 'RIOT', priceUsd: 10.7, observedAt: new Date(Date.UTC(2025, 11, 5, 21)).toISOString() });
    expect(again.body).toEqual({ duplicate: true, alerts: 0 });

    await alerts.waitFor((events) => events.length >= 4, 30_000);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    const seen = alerts.events.map((e) => [e.message.subject, e.message.ruleId, e.message.value, e.message.severity]);
    const ruleId = `stop-line.trailing.${line.body.lineId}`;
    expect(seen).toEqual([
      ['RIOT', ruleId, 10.7, 2],
      ['RIOT', ruleId, 11.1, 1],
      ['RIOT', ruleId, 10.5, 2],
      ['RIOT', ruleId, 12.5, 1],
    ]);
    expect(alerts.events[0].message.threshold).toBeCloseTo(10.8, 12);
    expect(alerts.events[0].message.lineage?.inputs[0].eventType).toBe('hashdesk.risk.EquityQuote');

    const stored = await call('GET', `/v1/risk/watchlist/${entry.body.entryId}/lines/${line.body.lineId}`);
    expect(stored.body.state).toMatchObject({ breached: false, peakUsd: 12.5 });
  }, 90_000);

  it('given a breached fixed line, when its level is patched, then the state is kept and no signal repeats; bad patches name the field and change nothing', async () => {
    const alerts = await stack.probe(Topics.alertRaised);
    const entry = await call('POST', '/v1/risk/watchlist', { ticker: 'CLSK' });
    const line = await call('POST', `/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.1 });
    const linePath = `/v1/risk/watchlist/${entry.body.entryId}/lines/${line.body.lineId}`;
    const quote = (priceUsd: number, day: number) => call('POST', '/v1/risk/equity-quotes', { ticker: 'CLSK', priceUsd, observedAt: new Date(Date.UTC(2025, 10, day, 21)).toISOString() });
    expect((await quote(8.5, 3)).body).toEqual({ duplicate: false, alerts: 1 }); // below 9: breach

    const patched = await call('PATCH', linePath, { dropRatio: 0.2 });
    expect(patched.status).toBe(200);
    expect(patched.body.definition).toMatchObject({ kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.2 });
    expect(patched.body.state.breached).toBe(true);
    // Still below the new level of 8: breached already, so nothing new; 8.5 clears 8 × 1.02 = 8.16: one recovery.
    expect((await quote(7.9, 4)).body).toEqual({ duplicate: false, alerts: 0 });
    expect((await quote(8.5, 5)).body).toEqual({ duplicate: false, alerts: 1 });
    await alerts.waitFor((events) => events.filter((e) => e.message.subject === 'CLSK').length >= 2, 30_000);
    expect(alerts.events.filter((e) => e.message.subject === 'CLSK').map((e) => e.message.severity)).toEqual([2, 1]);

    for (const [body, field] of [[{ dropRatio: 5 }, 'dropRatio'], [{ kind: 'trailing' }, 'kind'], [{ recoveryMarginRatio: -1 }, 'recoveryMarginRatio']] as const) {
      const bad = await call('PATCH', linePath, body);
      expect(bad.status).toBe(400);
      expect(bad.body.violations.map((v: { field: string }) => v.field)).toContain(field);
    }
    expect((await call('GET', linePath)).body.definition).toMatchObject({ dropRatio: 0.2 });
    expect((await call('PATCH', `/v1/risk/watchlist/${entry.body.entryId}/lines/00000000-0000-4000-8000-000000000000`, { dropRatio: 0.3 })).status).toBe(404);
  }, 60_000);

  it('given bad requests, when posted, then the 400 names the field', async () => {
    const entry = await call('POST', '/v1/risk/watchlist', { ticker: 'MARA' });
    const missing = await call('POST', `/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'trailing' });
    expect(missing.status).toBe(400);
    expect(missing.body.violations.map((v: { field: string }) => v.field)).toContain('trailRatio');
    const unknown = await call('POST', '/v1/risk/watchlist', { ticker: 'XYZ' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_COMPANY');
    const noMarket = await call('GET', '/v1/risk/companies/RIOT');
    expect(noMarket.status).toBe(400);
    expect(noMarket.body.code).toBe('MARKET_UNKNOWN');
    const badShock = await call('POST', '/v1/risk/scenarios', { ticker: 'RIOT', market, shock: { btcPriceChangeRatio: -3 } });
    expect(badShock.status).toBe(400);
    expect(badShock.body.violations[0].field).toBe('shock.btcPriceChangeRatio');
    const mc = await call('POST', '/v1/risk/monte-carlo', { ticker: 'RIOT', seed: 1, paths: 10, horizonMonths: 12, model: 'gbm' });
    expect(mc.status).toBe(400);
    expect(mc.body.violations[0].field).toBe('paths');
    // A PATCH cannot null a field the line must have (it was a 500).
    const line = await call('POST', `/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'trailing', trailRatio: 0.2 });
    expect(line.status).toBe(201);
    const nulled = await call('PATCH', `/v1/risk/watchlist/${entry.body.entryId}/lines/${line.body.lineId}`, { trailRatio: null });
    expect(nulled.status).toBe(400);
    expect(nulled.body.violations).toEqual([expect.objectContaining({ field: 'trailRatio', rule: 'notNull' })]);
    // Numbers are JSON numbers: neither true nor "0x10" is read as one.
    for (const bad of [true, '0x10']) {
      const loose = await call('POST', '/v1/risk/scenarios', { ticker: 'RIOT', market: { ...market, btcPriceUsd: bad }, shock: { btcPriceChangeRatio: -0.2 } });
      expect(loose.status).toBe(400);
      expect(loose.body.violations.map((v: { field: string }) => v.field)).toContain('market.btcPriceUsd');
    }
  }, 30_000);

  it('given a market, when RIOT is read and an ad hoc scenario run, then the standing set and the balance-sheet risk come back', async () => {
    const query = new URLSearchParams(Object.entries({ ...market, otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 }).map(([k, v]): [string, string] => [k, String(v)]));
    const company = await call('GET', `/v1/risk/companies/RIOT?${query}`);
    expect(company.status).toBe(200);
    expect(company.body.standingScenarios.scenarios).toHaveLength(13);
    expect(company.body.balanceSheetRisk.riskScore.weights).toEqual({ leverage: 0.25, runway: 0.25, scenarioFragility: 0.2, powerPriceExposure: 0.15, dilution: 0.15, policy: 0.15 });
    expect(company.body.balanceSheetRisk.riskScore.components.policy).toBe(0); // an empty register: no adverse decision
    const adHoc = await call('POST', '/v1/risk/scenarios', { ticker: 'RIOT', market, shock: { btcPriceChangeRatio: -0.3 }, assumptions: { otherDirectCostUsdPerBtc: 5_000 } });
    expect(adHoc.status).toBe(200);
    expect(adHoc.body.scenarios[0]).toMatchObject({ name: 'ad hoc', btcPriceUsd: expect.closeTo(87_133.51 * 0.7, 6) });
  }, 30_000);

  it('given a seed, when the Monte Carlo runs twice on the worker pool, then the results are identical', async () => {
    const body = { ticker: 'RIOT', seed: 7, paths: 2_000, horizonMonths: 12, model: 'gbm', volatilityPerYear: 0.6, driftPerYear: 0, market, balanceSheet: { totalDebtUsd: 800e6 } };
    const a = await call('POST', '/v1/risk/monte-carlo', body);
    expect(a.status).toBe(200);
    expect(a.body.companies[0].horizons.map((h: { months: number }) => h.months)).toEqual([3, 6, 12]);
    const b = await call('POST', '/v1/risk/monte-carlo', body);
    expect(b.body).toEqual(a.body);
    const sparse = await call('POST', '/v1/risk/monte-carlo', { ...body, balanceSheet: undefined, ticker: 'MARA' });
    expect([200, 422]).toContain(sparse.status);
  }, 60_000);
  it('given a list of tickers, when the universe Monte Carlo runs, then each simulable company has its distributions, the ranking is riskiest first on common paths, every opex stand-in is named and MARA is listed with its reason', async () => {
    const powered = { ...market, powerUsdPerKwh: 0.05 };
    const body = {
      tickers: ['riot', 'CLSK', 'MARA'], seed: 7, paths: 2_000, horizonMonths: 12, model: 'gbm', volatilityPerYear: 0.6, driftPerYear: 0, market: powered,
      overrides: [{ ticker: 'RIOT', balanceSheet: { totalDebtUsd: 800e6 } }, { ticker: 'CLSK', assumptions: { sgaExSbcUsdPerBtc: 7_000 } }],
    };
    const run = await call('POST', '/v1/risk/monte-carlo', body);
    expect(run.status).toBe(200);
    expect(run.body.tickers).toEqual(['RIOT', 'CLSK', 'MARA']);
    expect(run.body.pathSharing).toMatch(/^common random numbers: every company is evaluated on the same simulated BTC price and difficulty paths/);
    expect(run.body.ranking.commonRandomNumbers).toBe(true);

    // per company: its horizons, the lowest-runway and equity-value quantiles, the profile version it ran on
    type Company = { ticker: string; horizons: Array<{ months: number }>; runwayMonths: { horizonMonths: number; percentiles: unknown[] }; equityValueUsd: { today: number; percentiles: unknown[] }; profile: { version: number }; fallbacks: Array<{ field: string; fallback: string }> };
    const companies = new Map((run.body.companies as Company[]).map((c) => [c.ticker, c]));
    expect([...companies.keys()].sort()).toEqual(['CLSK', 'RIOT']);
    for (const c of companies.values()) {
      expect(c.horizons.map((h) => h.months)).toEqual([3, 6, 12]);
      expect(c.runwayMonths.horizonMonths).toBe(12);
      expect(c.runwayMonths.percentiles).toHaveLength(9);
      expect(c.equityValueUsd.percentiles).toHaveLength(9);
      expect(c.profile.version).toBe(1);
    }
    // the shipped profiles carry no period opex: every figure is a named stand-in, CLSK's SG&A the request's own
    expect(companies.get('RIOT')?.fallbacks).toEqual([
      { field: 'opex.otherDirectCostUsdInPeriod', fallback: 'illustrative Riot per-BTC figure 5,000 USD/BTC', usdPerBtc: 5_000 },
      { field: 'opex.sgaExSbcUsdInPeriod', fallback: 'illustrative Riot per-BTC figure 8,000 USD/BTC', usdPerBtc: 8_000 },
      { field: 'opex.interestExpenseUsdInPeriod', fallback: 'illustrative Riot per-BTC figure 1,000 USD/BTC', usdPerBtc: 1_000 },
    ]);
    expect(companies.get('CLSK')?.fallbacks.map((f) => f.fallback)).toEqual([
      'illustrative Riot per-BTC figure 5,000 USD/BTC',
      'assumption sgaExSbcUsdPerBtc given with the request: 7,000 USD/BTC',
      'illustrative Riot per-BTC figure 1,000 USD/BTC',
    ]);

    // MARA's profile lacks the fleet's efficiency and its debt: listed with the reason, not dropped
    expect(run.body.skippedCompanies.map((s: { ticker: string }) => s.ticker)).toEqual(['MARA']);
    expect(run.body.skippedCompanies[0].missingInputs).toEqual(expect.arrayContaining(['fleet.efficiencyJth', 'balanceSheet.totalDebtUsd']));
    expect(run.body.skippedCompanies[0].reason).toMatch(/^profile version 1 \(Q3 2025\) lacks .*fleet\.efficiencyJth/);

    // the ranking: riskiest first by P(negative cash margin within 12 months), then the median lowest runway (no burn last)
    type Row = { rank: number; ticker: string; probabilityNegativeCashMargin: number; runwayMonths: { p50: number | null }; opexFallbacks: string[] };
    const rows = run.body.ranking.rows as Row[];
    expect(run.body.ranking.horizonMonths).toBe(12);
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
    expect(rows.map((r) => r.ticker).sort()).toEqual(['CLSK', 'RIOT']);
    const [first, second] = rows;
    expect(first.probabilityNegativeCashMargin).toBeGreaterThanOrEqual(second.probabilityNegativeCashMargin);
    if (first.probabilityNegativeCashMargin === second.probabilityNegativeCashMargin && first.runwayMonths.p50 !== null) {
      expect(second.runwayMonths.p50 === null || second.runwayMonths.p50 >= first.runwayMonths.p50).toBe(true);
    }
    for (const row of rows) {
      const horizon12 = (run.body.companies as Array<Company & { horizons: Array<{ months: number; probabilityNegativeCashMargin: number }> }>).find((c) => c.ticker === row.ticker)?.horizons[2];
      expect(row.probabilityNegativeCashMargin).toBe(horizon12?.probabilityNegativeCashMargin);
      expect(row.opexFallbacks).toHaveLength(3);
    }

    // common random numbers: RIOT alone, same seed and inputs, has exactly the figures it has in the list
    const alone = await call('POST', '/v1/risk/monte-carlo', { ticker: 'RIOT', seed: 7, paths: 2_000, horizonMonths: 12, model: 'gbm', volatilityPerYear: 0.6, driftPerYear: 0, market: powered, balanceSheet: { totalDebtUsd: 800e6 } });
    expect(alone.status).toBe(200);
    const riot = companies.get('RIOT') as Company & Record<string, unknown>;
    expect(alone.body.companies[0].horizons).toEqual(riot.horizons);
    expect(alone.body.companies[0].fairValuePerShareUsd.percentiles).toEqual((riot.fairValuePerShareUsd as { percentiles: unknown }).percentiles);
    expect(alone.body.companies[0].runwayMonths).toEqual(riot.runwayMonths);
    expect(alone.body.terminalBtcPriceUsd).toEqual(run.body.terminalBtcPriceUsd);
  }, 90_000);

  it('given "all", when the universe Monte Carlo runs, then every company risk holds is either simulated or skipped with a reason', async () => {
    const run = await call('POST', '/v1/risk/monte-carlo', { tickers: 'all', seed: 3, paths: 200, horizonMonths: 6, model: 'gbm', market: { ...market, powerUsdPerKwh: 0.05 } });
    expect(run.status).toBe(200);
    const simulated = run.body.companies.map((c: { ticker: string }) => c.ticker);
    const skipped = run.body.skippedCompanies as Array<{ ticker: string; reason: string }>;
    expect([...simulated, ...skipped.map((s) => s.ticker)].sort()).toEqual(readShippedCompanyProfiles().map((p) => p.ticker).sort());
    expect(simulated).toContain('CLSK');
    expect(skipped.every((s) => s.reason.length > 0)).toBe(true);
    expect(run.body.ranking.horizonMonths).toBe(6); // a run shorter than 12 months ranks at its horizon
    expect(run.body.ranking.rows).toHaveLength(simulated.length);
  }, 90_000);

  it('given a bad ticker list, when posted, then the 400 names the field and the rule; an unknown ticker is a 404 naming its place', async () => {
    const base = { seed: 1, paths: 200, horizonMonths: 3, model: 'gbm', market };
    for (const [body, field, rule] of [
      [{ tickers: [] }, 'tickers', 'tickerList'],
      [{ tickers: ['RIOT', 'RI OT'] }, 'tickers', 'tickerList'],
      [{ tickers: ['RIOT', 'riot'] }, 'tickers', 'tickerList'],
      [{ tickers: 'everything' }, 'tickers', 'tickerList'],
      [{ ticker: 'RIOT', tickers: ['CLSK'] }, 'tickers', 'notWithTicker'],
      [{ tickers: ['RIOT'], balanceSheet: { totalDebtUsd: 1 } }, 'balanceSheet', 'singleTickerOnly'],
      [{ tickers: ['RIOT'], overrides: [{ ticker: 'CLSK', balanceSheet: { totalDebtUsd: 1 } }] }, 'overrides[0].ticker', 'INVALID_INPUT'],
    ] as const) {
      const bad = await call('POST', '/v1/risk/monte-carlo', { ...base, ...body });
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
      expect(bad.body.violations).toContainEqual(expect.objectContaining({ field, rule }));
    }
    const unknown = await call('POST', '/v1/risk/monte-carlo', { ...base, tickers: ['RIOT', 'XYZ'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_COMPANY');
    expect(unknown.body.message).toMatch(/^tickers\[1\]: no company profile for 'XYZ'/);
  }, 30_000);
});
