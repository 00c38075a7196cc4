import fc from 'fast-check';
import { companyMetrics } from '../companies/company-metrics';
import { syntheticProfile } from '../companies/company-profile.testing';
import { companyValuation } from '../valuation/company-valuation';
import { gbmPriceMean, gbmPriceQuantile, type GbmPriceModel } from './price-models';
import { mergeMonteCarloAccumulators, planMonteCarlo, runMonteCarlo, simulateMonteCarloPaths, summarizeMonteCarlo, type MonteCarloConfig } from './monte-carlo';

const market = { btcPriceUsd: 90_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025 };
const gbm: GbmPriceModel = { kind: 'gbm', driftPerYear: 0.1, volatilityPerYear: 0.6 };
const config: MonteCarloConfig = { seed: 7, paths: 2_000, priceModel: gbm };

describe('Monte Carlo: reproducibility', () => {
  it('given the same seed, when run twice, then the results are identical; another seed differs', () => {
    const companies = [{ profile: syntheticProfile() }];
    const a = runMonteCarlo(companies, market, config);
    expect(runMonteCarlo(companies, market, config)).toEqual(a);
    expect(runMonteCarlo(companies, market, { ...config, seed: 8 }).terminalBtcPriceUsd.mean).not.toBe(a.terminalBtcPriceUsd.mean);
  });

  it('given the paths split into ranges (as workers do), when merged in order, then counts, quantiles and the sample equal one run, and the moments agree to 1e-9 (property)', () => {
    const plan = planMonteCarlo([{ profile: syntheticProfile() }], market, { ...config, paths: 300, sampleSize: 64 });
    const whole = summarizeMonteCarlo(plan, simulateMonteCarloPaths(plan));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 299 }), { maxLength: 4 }), (cuts) => {
        const bounds = [0, ...[...new Set(cuts)].sort((x, y) => x - y), 300];
        const parts = bounds.slice(1).map((end, i) => simulateMonteCarloPaths(plan, bounds[i], end));
        const split = summarizeMonteCarlo(plan, mergeMonteCarloAccumulators(plan, parts));
        expect(split.companies[0].horizons).toEqual(whole.companies[0].horizons);
        expect(split.terminalBtcPriceUsd.percentiles).toEqual(whole.terminalBtcPriceUsd.percentiles);
        expect(split.companies[0].fairValuePerShareUsd.tailRisk).toEqual(whole.companies[0].fairValuePerShareUsd.tailRisk);
        expect(split.terminalBtcPriceUsd.mean / whole.terminalBtcPriceUsd.mean - 1).toBeCloseTo(0, 9);
      }),
      { numRuns: 15 },
    );
  });
});

describe('Monte Carlo: GBM converges to the closed form', () => {
  it('given 20,000 GBM paths over 365 days, then the terminal mean is P0·e^{μT} and the 5/50/95 % quantiles are the lognormal ones (within 4 standard errors)', () => {
    const result = runMonteCarlo([], market, { seed: 123, paths: 20_000, priceModel: gbm });
    const days = result.days;
    expect(days).toBe(365);
    // SE of the mean: P0·e^{μT}·√(e^{σ²T} − 1)/√n ≈ 0.47 % → 4 SE ≈ 1.9 %
    expect(Math.abs(result.terminalBtcPriceUsd.mean / gbmPriceMean(market.btcPriceUsd, gbm, days) - 1)).toBeLessThan(0.019);
    for (const q of [0.05, 0.5, 0.95]) {
      const simulated = result.terminalBtcPriceUsd.percentiles.find((p) => p.probability === q)?.value as number;
      // SE of a log-quantile ≈ σ√T·√(q(1−q)/n)/φ(z_q) ≤ 1.3 % → 4 SE ≈ 5 %
      expect(Math.abs(Math.log(simulated / gbmPriceQuantile(market.btcPriceUsd, gbm, days, q)))).toBeLessThan(0.05);
    }
  });
});

describe('Monte Carlo: a deterministic market (σ = 0) gives the hand-computed company results', () => {
  const flat = (): MonteCarloConfig => ({ seed: 1, paths: 20, priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0 } });
  // synthetic miner: 9 EH/s at 20 J/TH and 5 c/kWh (power $216,000/day), other direct $100,000/day,
  // SG&A $200,000/day, interest $50,000/day, 1,000 BTC, $100 M cash, $300 M debt, 100 M shares
  const profile = syntheticProfile();

  it('given BTC at $90,000 (revenue below the cash cost, above power), then the cash margin is negative from month 1 on every path and the fair value is the SOTP with a year of losses in cash', () => {
    const m = { ...market, btcPriceUsd: 90_000 };
    const result = runMonteCarlo([{ profile }], m, flat());
    const c = result.companies[0];
    expect(c.horizons.map((h) => h.probabilityNegativeCashMargin)).toEqual([1, 1, 1]);
    const metrics = companyMetrics(profile, m);
    const revenue = metrics.miningRevenueUsdPerDay as number;
    expect(revenue).toBeGreaterThan(216_000);
    const miningCash = (revenue - 216_000 - 100_000 - 200_000) * 365;
    const miningValue = companyValuation(profile, { ...m, height: 930_000 + 144 * 365 }).miningValueUsd as number;
    const expected = (miningValue + 1_000 * 90_000 + 100e6 + miningCash - 300e6) / 100e6;
    expect(c.fairValuePerShareUsd.mean).toBeCloseTo(expected, 6);
    expect(c.fairValuePerShareUsd.today).toBeCloseTo(companyValuation(profile, m).equityValuePerShareUsd as number, 9);
    expect(result.terminalBtcPriceUsd.percentiles.every((p) => Math.abs(p.value - 90_000) < 1e-6)).toBe(true);
  });

  it('given BTC at $200,000, then no month has a negative cash margin and no runway breach', () => {
    const result = runMonteCarlo([{ profile }], { ...market, btcPriceUsd: 200_000 }, flat());
    expect(result.companies[0].horizons).toEqual([
      { months: 3, probabilityNegativeCashMargin: 0, probabilityRunwayBelowFloor: 0 },
      { months: 6, probabilityNegativeCashMargin: 0, probabilityRunwayBelowFloor: 0 },
      { months: 12, probabilityNegativeCashMargin: 0, probabilityRunwayBelowFloor: 0 },
    ]);
  });

  it('given BTC at $60,000 (burn ≈ $10.2 M a month against $160 M of cash and BTC), then the runway falls under 12 months in month 4: not within 3 months, certain within 6', () => {
    const result = runMonteCarlo([{ profile }], { ...market, btcPriceUsd: 60_000 }, flat());
    expect(result.companies[0].horizons.map((h) => h.probabilityRunwayBelowFloor)).toEqual([0, 1, 1]);
  });
});

describe('Monte Carlo: difficulty follows hashprice with a lag', () => {
  it('given β = 1 and a 90-day lag, when the price path is flat, then difficulty stays; with trend growth g it ends near D0·(1+g)^(last retarget/365.25)', () => {
    const flat: MonteCarloConfig = { seed: 1, paths: 5, priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0 } };
    expect(runMonteCarlo([], market, flat).terminalDifficulty.mean).toBeCloseTo(150e12, 0);
    const grown = runMonteCarlo([], market, { ...flat, difficultyModel: { trendGrowthRatioPerYear: 0.5 } }).terminalDifficulty.mean;
    expect(grown / 150e12).toBeGreaterThan(1.45 ** (350 / 365.25));
    expect(grown / 150e12).toBeLessThan(1.5);
  });

  it('given a drift up, then the terminal difficulty rises with β and is unchanged with β = 0', () => {
    const up: MonteCarloConfig = { seed: 1, paths: 5, priceModel: { kind: 'gbm', driftPerYear: 0.5, volatilityPerYear: 0 } };
    expect(runMonteCarlo([], market, { ...up, difficultyModel: { hashpriceElasticity: 0 } }).terminalDifficulty.mean).toBeCloseTo(150e12, 0);
    const followed = runMonteCarlo([], market, { ...up, difficultyModel: { hashpriceElasticity: 1, lagDays: 90 } }).terminalDifficulty.mean;
    // last retarget ≈ day 355; the price 90 days earlier is e^{0.5·265/365.25}
    expect(followed / 150e12).toBeGreaterThan(Math.exp((0.5 * 250) / 365.25));
    expect(followed / 150e12).toBeLessThan(Math.exp((0.5 * 275) / 365.25));
  });

  it('given a start 20 days before the 2028 halving, then the reward halves on schedule and difficulty follows it down after the lag', () => {
    const nearHalving = { ...market, height: 1_050_000 - 20 * 144 };
    const flat: MonteCarloConfig = { seed: 1, paths: 3, horizonsMonths: [6], priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0 }, difficultyModel: { lagDays: 30 } };
    const d = runMonteCarlo([], nearHalving, flat).terminalDifficulty.mean / 150e12;
    expect(d).toBeCloseTo((1.5625 + 0.025) / (3.125 + 0.025), 6);
  });
});

describe('Monte Carlo: inputs', () => {
  it('given a company without hashrate, then it is skipped with its missing inputs and the others run', () => {
    const result = runMonteCarlo([{ profile: { ...syntheticProfile({ installedHashrateEhs: null, operatingHashrateEhs: null }), ticker: 'NOHASH' } }, { profile: syntheticProfile() }], market, { ...config, paths: 10 });
    expect(result.companies.map((c) => c.ticker)).toEqual(['TEST']);
    expect(result.skippedCompanies[0].ticker).toBe('NOHASH');
    expect(result.skippedCompanies[0].missingInputs).toContain('fleet.operatingHashrateEhs|fleet.installedHashrateEhs');
  });

  it('given a company without a power price, then it is skipped, and simulated once the caller gives one', () => {
    const noPrice = { ...syntheticProfile({ powerUsdPerKwh: null }), ticker: 'NOPOWER' };
    const without = runMonteCarlo([{ profile: noPrice }], market, { ...config, paths: 10 });
    expect(without.skippedCompanies.map((c) => c.ticker)).toEqual(['NOPOWER']);
    const given = runMonteCarlo([{ profile: noPrice }], { ...market, powerUsdPerKwh: 0.05 }, { ...config, paths: 10 });
    expect(given.companies.map((c) => c.ticker)).toEqual(['NOPOWER']);
    // The same company with 0.05 USD/kWh in its profile simulates to the same result.
    const inProfile = runMonteCarlo([{ profile: { ...syntheticProfile({ powerUsdPerKwh: 0.05 }), ticker: 'NOPOWER' } }], market, { ...config, paths: 10 });
    expect(given.companies[0]).toEqual(inProfile.companies[0]);
  });

  it('given bad settings, then the error names the field', () => {
    expect(() => runMonteCarlo([], market, { ...config, paths: 0 })).toThrow(/^paths: must be between 1 and/);
    expect(() => runMonteCarlo([], market, { ...config, seed: -1 })).toThrow(/^seed: must be 0 or more/);
    expect(() => runMonteCarlo([], market, { ...config, horizonsMonths: [6, 3] })).toThrow(/^horizonsMonths\[1\]: must be ascending/);
    expect(() => runMonteCarlo([], market, { ...config, difficultyModel: { lagDays: 1.5 } })).toThrow(/^difficultyModel.lagDays: must be a whole number/);
    expect(() => runMonteCarlo([], { ...market, btcPriceUsd: 0 }, config)).toThrow(/^market.btcPriceUsd: must be greater than 0/);
  });
});
