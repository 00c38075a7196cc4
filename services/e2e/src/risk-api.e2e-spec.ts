import { Topics } from '@hashdesk/contracts';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';
import { TEST_ADMIN_HEADERS } from '@hashdesk/testing';

/**
 * The risk service's HTTP API as a process against the real broker and PostgreSQL: watchlists and
 * stop lines with persisted hysteresis state, signals through the alert outbox, scenarios and the
 * Monte Carlo on the worker pool.
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
    await new Promise((r) => setTimeout(r, 1_000));
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
});
