import { companyMetrics } from '../companies/company-metrics';
import { syntheticProfile } from '../companies/company-profile.testing';
import type { CompanyProfile } from '../companies/company-profile';
import { resolveMonteCarloOpex, type MonteCarloOpexFallbacks } from './monte-carlo-company';
import { planMonteCarlo, quantileOfSortedOrNull, rankMonteCarloRows, runMonteCarlo, simulateMonteCarloPaths, summarizeMonteCarlo, type MonteCarloConfig, type MonteCarloRankingRow } from './monte-carlo';

// The universe run (docs/methodology.md §6.5): each company's own opex or a named stand-in, the lowest
// runway and equity value distributions, and a ranking over companies simulated on common paths.

const market = { btcPriceUsd: 90_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025 };
const flat = (): MonteCarloConfig => ({ seed: 1, paths: 20, priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0 } });
const named = (ticker: string, profile: CompanyProfile): CompanyProfile => ({ ...profile, ticker, name: `${ticker} Inc.` });
const illustrative: MonteCarloOpexFallbacks = {
  otherDirectCostUsdPerBtc: { usdPerBtc: 5_000, name: 'illustrative Riot per-BTC figure' },
  sgaExSbcUsdPerBtc: { usdPerBtc: 8_000, name: 'illustrative Riot per-BTC figure' },
  interestUsdPerBtc: { usdPerBtc: 1_000, name: 'illustrative Riot per-BTC figure' },
};

describe('Monte Carlo opex: the company’s own figures, else a named stand-in', () => {
  it('given a profile with every period cost (Q3 2025, 92 days), then each is its own, per day: 9.2 M → 100,000, 18.4 M → 200,000, 4.6 M → 50,000 USD/day, and nothing falls back', () => {
    const resolved = resolveMonteCarloOpex(syntheticProfile(), { sgaExSbcUsdPerBtc: 1 }, illustrative);
    expect(resolved.figures.map((f) => [f.field, f.basis, f.basis === 'profile' ? f.usdPerDay : null])).toEqual([
      ['opex.otherDirectCostUsdInPeriod', 'profile', 100_000],
      ['opex.sgaExSbcUsdInPeriod', 'profile', 200_000],
      ['opex.interestExpenseUsdInPeriod', 'profile', 50_000],
    ]);
    expect(resolved.figures[0]).toMatchObject({ periodLabel: 'Q3 2025', periodDays: 92, usdInPeriod: 9_200_000, asOf: '2025-Q3', source: 'test fixture' });
    expect(resolved.fallbacks).toEqual([]);
    expect(resolved.company).toEqual({}); // the caller's 1 USD/BTC is not used: the profile's figure wins
  });

  it('given SG&A and interest missing, then SG&A takes the caller’s figure and interest the named fallback, each named with its amount', () => {
    const profile = syntheticProfile({ sgaExSbcUsdInPeriod: null, interestExpenseUsdInPeriod: null });
    const resolved = resolveMonteCarloOpex(profile, { sgaExSbcUsdPerBtc: 7_000 }, illustrative);
    expect(resolved.fallbacks).toEqual([
      { field: 'opex.sgaExSbcUsdInPeriod', fallback: 'assumption sgaExSbcUsdPerBtc given with the request: 7,000 USD/BTC', usdPerBtc: 7_000 },
      { field: 'opex.interestExpenseUsdInPeriod', fallback: 'illustrative Riot per-BTC figure 1,000 USD/BTC', usdPerBtc: 1_000 },
    ]);
    expect(resolved.company).toEqual({ sgaExSbcUsdPerBtc: 7_000, interestUsdPerBtc: 1_000 });
    // The simulation's cost lines: other direct 100,000 USD/day (own); SG&A 7,000 USD per BTC mined (to mining, share 1); interest 1,000 USD/BTC (corporate).
    const plan = planMonteCarlo([{ profile, options: { company: resolved.company } }], market, { ...flat(), paths: 1 });
    expect(plan.companies[0]).toMatchObject({ miningFixedCostUsdPerDay: 100_000, miningVariableCostUsdPerBtc: 7_000, corporateCostUsdPerDay: 0, corporateCostUsdPerBtc: 1_000 });
  });

  it('given a figure missing with no stand-in, then it is listed with a null fallback and the company is skipped naming the figure and the assumption', () => {
    const profile = named('NOOPEX', syntheticProfile({ interestExpenseUsdInPeriod: null }));
    const resolved = resolveMonteCarloOpex(profile);
    expect(resolved.fallbacks).toEqual([{ field: 'opex.interestExpenseUsdInPeriod', fallback: null, usdPerBtc: null }]);
    const result = runMonteCarlo([{ profile, options: { company: resolved.company } }], market, { ...flat(), paths: 5 });
    expect(result.skippedCompanies).toEqual([{ ticker: 'NOOPEX', missingInputs: ['opex.interestExpenseUsdInPeriod|assumptions.interestUsdPerBtc'] }]);
  });

  it('given a negative stand-in, then the error names it', () => {
    expect(() => resolveMonteCarloOpex(syntheticProfile({ sgaExSbcUsdInPeriod: null }), { sgaExSbcUsdPerBtc: -1 })).toThrow(/^assumptions.sgaExSbcUsdPerBtc: must be 0 or more/);
  });
});

describe('Monte Carlo: lowest runway and equity value in a deterministic market (σ = 0)', () => {
  // synthetic miner (9 EH/s, 20 J/TH at 5 c/kWh: power 216,000 USD/day; other direct 100,000, SG&A 200,000,
  // interest 50,000 USD/day; 1,000 BTC, 100 M USD cash, 100 M shares); difficulty stays (flat price, no halving)
  const profile = syntheticProfile();

  it('given BTC at $60,000, then every path burns cash and the lowest runway is the one at month 12: (cash + BTC + 365 days of flow) ÷ (daily burn × 365.25/12)', () => {
    const m = { ...market, btcPriceUsd: 60_000 };
    const result = runMonteCarlo([{ profile }], m, flat());
    const revenue = companyMetrics(profile, m).miningRevenueUsdPerDay as number;
    const dailyFlow = revenue - 216_000 - 100_000 - 200_000 - 50_000; // ≈ 228,122 − 566,000 = −337,878 USD/day
    expect(dailyFlow).toBeLessThan(-337_000);
    const liquidity = 100e6 + 1_000 * 60_000 + dailyFlow * 365; // ≈ 36.7 M USD
    const expected = liquidity / ((-dailyFlow * 365.25) / 12); // ≈ 3.57 months
    const runway = result.companies[0].runwayMonths;
    expect(runway.horizonMonths).toBe(12);
    expect(runway.probabilityBurningCash).toBe(1);
    expect(runway.probabilityBelowFloor).toBe(1);
    for (const p of runway.percentiles) expect(p.value).toBeCloseTo(expected, 6);
    expect(expected).toBeCloseTo(3.566, 2);
  });

  it('given a ranking horizon of 3 months, then the lowest runway is the one at the end of month 3 (day 91)', () => {
    const m = { ...market, btcPriceUsd: 60_000 };
    const result = runMonteCarlo([{ profile }], m, { ...flat(), rankingHorizonMonths: 3 });
    const revenue = companyMetrics(profile, m).miningRevenueUsdPerDay as number;
    const dailyFlow = revenue - 566_000;
    const expected = (160e6 + dailyFlow * 91) / ((-dailyFlow * 365.25) / 12); // ≈ 12.3 months: not under the floor yet
    expect(result.companies[0].runwayMonths.percentiles[4].value).toBeCloseTo(expected, 6);
    expect(result.companies[0].runwayMonths.probabilityBelowFloor).toBe(0);
    expect(result.ranking.horizonMonths).toBe(3);
  });

  it('given BTC at $200,000, then no path burns cash: the runway quantiles are null (no limit) and the equity value is the fair value per share × 100 M shares', () => {
    const result = runMonteCarlo([{ profile }], { ...market, btcPriceUsd: 200_000 }, flat());
    const c = result.companies[0];
    expect(c.runwayMonths.probabilityBurningCash).toBe(0);
    expect(c.runwayMonths.percentiles.every((p) => p.value === null)).toBe(true);
    expect(c.equityValueUsd.today).toBeCloseTo(c.fairValuePerShareUsd.today * 100e6, 0);
    c.equityValueUsd.percentiles.forEach((p, i) => expect(p.value).toBeCloseTo(c.fairValuePerShareUsd.percentiles[i].value * 100e6, 0));
    expect(result.ranking.rows[0].runwayMonths).toEqual({ p05: null, p50: null, p95: null });
  });
});

describe('Monte Carlo ranking', () => {
  it('given three miners at BTC $90,000, then the two with negative margins rank first, the shorter runway first, and the profitable one last', () => {
    const companies = [
      named('CHEAP', syntheticProfile({ otherDirectCostUsdInPeriod: 0, sgaExSbcUsdInPeriod: 0, interestExpenseUsdInPeriod: 0, totalDebtUsd: 0 })), // power only: 216,000 < revenue ≈ 342,183 USD/day; no debt
      named('TEST', syntheticProfile()), // flow ≈ −223,817 USD/day against 190 M: lowest runway ≈ 15.9 months
      named('DEAR', syntheticProfile({ cashUsd: 20_000_000 })), // the same burn against 110 M: ≈ 4.2 months
    ].map((profile) => ({ profile }));
    const result = runMonteCarlo(companies, market, flat());
    const rows = result.ranking.rows;
    expect(rows.map((r) => [r.rank, r.ticker, r.probabilityNegativeCashMargin])).toEqual([
      [1, 'DEAR', 1],
      [2, 'TEST', 1],
      [3, 'CHEAP', 0],
    ]);
    const flow = (companyMetrics(companies[1].profile, market).miningRevenueUsdPerDay as number) - 566_000;
    expect(rows[1].runwayMonths.p50).toBeCloseTo((190e6 + flow * 365) / ((-flow * 365.25) / 12), 6);
    expect(rows[0].runwayMonths.p50).toBeCloseTo((110e6 + flow * 365) / ((-flow * 365.25) / 12), 6);
    expect(rows[2].runwayMonths.p50).toBeNull();
    expect(result.ranking.commonRandomNumbers).toBe(true);
    const test = result.companies.find((c) => c.ticker === 'TEST');
    expect(rows[1].equityValueUsd.p50).toBeCloseTo((test?.fairValuePerShareUsd.percentiles[4].value as number) * 100e6, 0);
    // TEST is worth less than its 300 M of debt today: no change ratio; CHEAP (no overhead, no debt) is worth something
    expect(rows[1].equityValueUsd.today).toBeLessThan(0);
    expect(rows[1].equityValueChangeRatio).toEqual({ p05: null, p50: null, p95: null });
    expect(rows[2].equityValueUsd.today).toBeGreaterThan(0);
    expect(rows[2].equityValueChangeRatio.p50).toBeCloseTo(rows[2].equityValueUsd.p50 / rows[2].equityValueUsd.today - 1, 12);
  });

  it('given ties, then a null runway (no burn) sorts after any runway, then the lower equity change first, then the ticker', () => {
    const row = (ticker: string, p: number, runway: number | null, change: number | null): Omit<MonteCarloRankingRow, 'rank'> => ({
      ticker, name: ticker, probabilityNegativeCashMargin: p, probabilityRunwayBelowFloor: 0, probabilityBurningCash: 0,
      runwayMonths: { p05: runway, p50: runway, p95: runway },
      equityValueUsd: { today: 1, p05: 1, p50: 1, p95: 1 },
      equityValueChangeRatio: { p05: change, p50: change, p95: change },
    });
    const ranked = rankMonteCarloRows([row('E', 0.2, null, null), row('D', 0.2, null, -0.1), row('C', 0.2, 30, 0), row('B', 0.2, 30, 0), row('A', 0.1, 1, -0.9), row('F', 0.9, null, 0)]);
    expect(ranked.map((r) => `${r.rank}${r.ticker}`)).toEqual(['1F', '2B', '3C', '4D', '5E', '6A']);
  });

  it('given +∞ among sorted values, then a quantile landing on or interpolating towards them is null, others as type 7', () => {
    const sorted = Float64Array.from([1, 2, 3, Infinity]);
    expect(quantileOfSortedOrNull(sorted, 0)).toBe(1);
    expect(quantileOfSortedOrNull(sorted, 0.5)).toBe(2.5); // h = 1.5
    expect(quantileOfSortedOrNull(sorted, 2 / 3)).toBeCloseTo(3, 12); // h = 2: exactly the third value
    expect(quantileOfSortedOrNull(sorted, 0.7)).toBeNull(); // h = 2.1: between 3 and +∞
    expect(quantileOfSortedOrNull(sorted, 1)).toBeNull();
  });
});

describe('Monte Carlo: common random numbers across companies', () => {
  const gbm: MonteCarloConfig = { seed: 11, paths: 1_500, priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0.7 } };
  const riskier = named('DEAR', syntheticProfile({ cashUsd: 20_000_000 }));

  it('given the same seed, then a company simulated with others has exactly the results it has alone', () => {
    const alone = runMonteCarlo([{ profile: riskier }], market, gbm);
    const together = runMonteCarlo([{ profile: syntheticProfile() }, { profile: riskier }], market, gbm);
    const [a, b] = [alone.companies[0], together.companies.find((c) => c.ticker === 'DEAR')];
    expect(b?.horizons).toEqual(a.horizons);
    expect(b?.fairValuePerShareUsd.percentiles).toEqual(a.fairValuePerShareUsd.percentiles);
    expect(b?.runwayMonths).toEqual(a.runwayMonths);
    expect(together.terminalBtcPriceUsd).toEqual(alone.terminalBtcPriceUsd);
  });

  it('given every path sampled, then the share of paths whose lowest runway is under the floor equals P(runway below floor) at the ranking horizon', () => {
    const plan = planMonteCarlo([{ profile: syntheticProfile() }, { profile: riskier }], market, gbm);
    const acc = simulateMonteCarloPaths(plan);
    const result = summarizeMonteCarlo(plan, acc);
    for (let c = 0; c < 2; c += 1) {
      let below = 0;
      let burning = 0;
      for (let i = 0; i < acc.sample.size; i += 1) {
        const runway = acc.sample.values[i * acc.sample.width + 2 + 2 + c];
        if (runway < 12) below += 1;
        if (runway !== Infinity) burning += 1;
      }
      expect(acc.sample.size).toBe(1_500);
      expect(below / 1_500).toBe(result.companies[c].horizons[2].probabilityRunwayBelowFloor);
      expect(burning / 1_500).toBe(result.companies[c].runwayMonths.probabilityBurningCash);
    }
    // the riskier company is at least as likely to breach on every path set: the same markets, less cash
    expect(result.companies[1].horizons[2].probabilityRunwayBelowFloor).toBeGreaterThanOrEqual(result.companies[0].horizons[2].probabilityRunwayBelowFloor);
  });

  it('given a ranking horizon beyond the run, then the error names it', () => {
    expect(() => runMonteCarlo([], market, { ...flat(), horizonsMonths: [6], rankingHorizonMonths: 12 })).toThrow(/^rankingHorizonMonths: must be between 1 and 6/);
  });
});
