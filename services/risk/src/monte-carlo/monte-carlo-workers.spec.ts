import { planMonteCarlo, runMonteCarlo, type CompanyProfile, type MonteCarloConfig } from '@hashdesk/economics';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { ILLUSTRATIVE_OPEX_ASSUMPTIONS } from './illustrative-opex';
import { runMonteCarloOnWorkers, splitPaths } from './monte-carlo-workers';

const market = { btcPriceUsd: 90_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025 };
const config: MonteCarloConfig = { seed: 99, paths: 3_001, sampleSize: 1_000, priceModel: { kind: 'gbm', driftPerYear: 0, volatilityPerYear: 0.6 } };

// Riot's shipped profile lacks only its total debt (and period opex, covered by per-BTC assumptions); a test figure fills the debt.
function riot(): CompanyProfile {
  const profile = readShippedCompanyProfiles().find((p) => p.ticker === 'RIOT') as CompanyProfile;
  return { ...profile, balanceSheet: { ...profile.balanceSheet, totalDebtUsd: { value: 800e6, asOf: '2025-Q3', source: 'test figure' } } };
}

describe('Monte Carlo on worker threads', () => {
  it('given 10 paths and 3 workers, when split, then the ranges are contiguous and cover every path once', () => {
    expect(splitPaths(10, 3)).toEqual([
      { firstPath: 0, endPath: 4 },
      { firstPath: 4, endPath: 7 },
      { firstPath: 7, endPath: 10 },
    ]);
    expect(splitPaths(2, 8)).toEqual([
      { firstPath: 0, endPath: 1 },
      { firstPath: 1, endPath: 2 },
    ]);
  });

  it('given the same seed, when run on 3 workers twice and on this thread, then worker runs are identical and match the single-thread probabilities and quantiles', async () => {
    const companies = [{ profile: riot(), options: { company: ILLUSTRATIVE_OPEX_ASSUMPTIONS, valuation: { excludeIncompleteHpcContracts: true } } }];
    expect(planMonteCarlo(companies, market, { ...config, paths: 1 }).companies.map((c) => c.ticker)).toEqual(['RIOT']);
    const plan = planMonteCarlo(companies, market, config);
    const a = await runMonteCarloOnWorkers(plan, 3);
    const b = await runMonteCarloOnWorkers(plan, 3);
    expect(b).toEqual(a);
    const single = runMonteCarlo(companies, market, config);
    expect(a.paths).toBe(3_001);
    expect(a.companies[0].horizons).toEqual(single.companies[0].horizons);
    expect(a.companies[0].fairValuePerShareUsd.percentiles).toEqual(single.companies[0].fairValuePerShareUsd.percentiles);
    expect(a.terminalBtcPriceUsd.percentiles).toEqual(single.terminalBtcPriceUsd.percentiles);
    expect(a.terminalBtcPriceUsd.mean / single.terminalBtcPriceUsd.mean - 1).toBeCloseTo(0, 9);
    // the lowest-runway and equity-value quantiles and the ranking are read from the merged sample: identical too
    expect(a.companies[0].runwayMonths).toEqual(single.companies[0].runwayMonths);
    expect(a.companies[0].equityValueUsd.percentiles).toEqual(single.companies[0].equityValueUsd.percentiles);
    expect(a.ranking).toEqual(single.ranking);
  }, 60_000);
});

describe('the persistent worker pool', () => {
  it('given a pool of 2 started once, when three runs are submitted at once and again later, then each equals the single-thread result and the same workers serve them', async () => {
    const { MonteCarloWorkerPool } = await import('./monte-carlo-workers');
    const pool = new MonteCarloWorkerPool(2);
    try {
      const plans = [1, 2, 3].map((seed) => planMonteCarlo([], market, { ...config, seed, paths: 2_000 }));
      const results = await Promise.all(plans.map((plan) => pool.run(plan)));
      const threadIds = (pool as unknown as { workers: Array<{ worker: { threadId: number } }> }).workers.map((w) => w.worker.threadId);
      results.forEach((result, i) => {
        const single = runMonteCarlo([], market, { ...config, seed: i + 1, paths: 2_000 });
        expect(result.terminalBtcPriceUsd.percentiles).toEqual(single.terminalBtcPriceUsd.percentiles);
      });
      const again = await pool.run(plans[0]);
      expect(again).toEqual(results[0]);
      expect((pool as unknown as { workers: Array<{ worker: { threadId: number } }> }).workers.map((w) => w.worker.threadId)).toEqual(threadIds);
      expect(pool.queued).toBe(0);
      expect(pool.busy).toBe(0);
    } finally {
      await pool.close();
    }
    await expect(pool.run(planMonteCarlo([], market, { ...config, paths: 10 }))).rejects.toThrow(/closed/);
  }, 60_000);
});
