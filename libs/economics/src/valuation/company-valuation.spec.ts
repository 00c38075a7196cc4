import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lease, syntheticProfile } from '../companies/company-profile.testing';
import { parseCompanyProfile } from '../companies/parse-company-profile';
import type { MarketInputs } from '../companies/market-inputs';
import { companyValuation } from './company-valuation';
import { hpcContractValuation } from './hpc-valuation';
import { miningDcf } from './mining-dcf';

const market: MarketInputs = { btcPriceUsd: 100_000, difficulty: 150e12, height: 920_000, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };
const loadShipped = (ticker: string) =>
  parseCompanyProfile(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'data', 'companies', `${ticker}.json`), 'utf8')));

describe('company valuation by the sum of its parts', () => {
  it('given the round-number miner, when valued with defaults, then mining is the DCF of its fleet with $100k/day other direct + $200k/day SG&A as fixed costs', () => {
    const v = companyValuation(syntheticProfile(), market);
    const dcf = miningDcf({
      btcPriceUsd: 100_000, difficulty: 150e12, height: 920_000, feesBtcPerBlock: 0.025, hashrateEhs: 9, efficiencyJth: 20, powerUsdPerKwh: 0.05,
      fixedCostUsdPerMonth: 300_000 * 30.4375, horizonMonths: 60, taxRate: 0.21, discountRatePerYear: 0.15,
    });
    expect(v.miningValueUsd).toBeCloseTo(dcf.presentValueUsd, 2);
    expect(v.miningDcf?.halvingsInHorizon).toBe(1);
    expect(v.assumptions.valuation).toMatchObject({ horizonMonths: 60, taxRate: 0.21, discountRatePerYear: 0.15, hpcDiscountRatePerYear: 0.1, btcPriceGrowthRatioPerYear: 0, difficultyGrowthRatioPerYear: 0 });
    expect(v.valuationDate).toBe('2025-09-30');
  });

  it('given any miner with a lease, when valued, then equity = mining + HPC + BTC − net debt and per share × shares = equity (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 30_000, max: 250_000, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 5e9, noNaN: true }),
        (ehs, btcPriceUsd, btcHeld, cashUsd, totalDebtUsd) => {
          const v = companyValuation(syntheticProfile({ operatingHashrateEhs: ehs, btcHeld, cashUsd, totalDebtUsd, hpcContracts: [lease({ phase: 'contracted' })] }), { ...market, btcPriceUsd });
          const parts = (v.miningValueUsd as number) + (v.hpcValueUsd as number) + btcHeld * btcPriceUsd - (totalDebtUsd - cashUsd);
          expect(Math.abs((v.equityValueUsd as number) - parts)).toBeLessThanOrEqual(1e-6 * (Math.abs(parts) + totalDebtUsd + 1e9));
          expect((v.equityValuePerShareUsd as number) * 100e6).toBeCloseTo(v.equityValueUsd as number, 0);
          expect(v.upsideToSharePriceRatio).toBeCloseTo((v.equityValuePerShareUsd as number) / 20 - 1, 12);
        },
      ),
    );
  });

  it('given a lease with no stated margin, when valued, then it uses the 85 % default, says so, and implies an EV per MW', () => {
    const v = companyValuation(syntheticProfile({ hpcContracts: [lease()] }), market);
    const expected = hpcContractValuation({ contractValueUsd: 3.7e9, termYears: 10, noiMarginRatio: 0.85, discountRatePerYear: 0.1, taxRate: 0.21 }).presentValueUsd;
    expect(v.hpcValueUsd).toBeCloseTo(expected, 0);
    expect(v.hpcContracts[0]).toMatchObject({ noiMarginSource: 'assumption', startDelaySource: 'assumption', buildCapexDeducted: false });
    expect(v.impliedHpcEvPerMwUsd).toBeCloseTo(expected / 200, 3);
    expect(v.hpcValueByEvPerMwUsd).toBeNull();
    expect(v.missingInputs.hpcValueByEvPerMwUsd).toEqual(['assumptions.hpcEvPerMwUsd']);
  });

  it('given an EV-per-MW multiple of $4.5M and a build cost of $9M/MW, when valued, then the cross-check is MW × multiple and unbuilt contracts carry the capex', () => {
    const v = companyValuation(syntheticProfile({ hpcContracts: [lease({ phase: 'contracted' })] }), market, { valuation: { hpcEvPerMwUsd: 4.5e6, hpcBuildCapexUsdPerMw: 9e6 } });
    expect(v.hpcValueByEvPerMwUsd).toBe(900e6);
    expect(v.hpcContracts[0]).toMatchObject({ buildCapexUsd: 1.8e9, buildCapexDeducted: true });
  });

  it('given a subsidy instead of a height, when valued, then mining value is null and names market.height (the DCF needs the halving schedule)', () => {
    const v = companyValuation(syntheticProfile(), { btcPriceUsd: 100_000, difficulty: 150e12, subsidyBtc: 3.125, feesBtcPerBlock: 0.025 });
    expect(v.miningValueUsd).toBeNull();
    expect(v.missingInputs.miningValueUsd).toEqual(['market.height']);
    expect(v.missingInputs.equityValueUsd).toEqual(['market.height']);
  });
});

describe('shipped profiles', () => {
  it('given WULF (Core42 lease without a value), when valued, then HPC is null naming the contract, unless incomplete contracts are excluded and listed', () => {
    const wulf = loadShipped('wulf');
    const strict = companyValuation(wulf, market);
    expect(strict.hpcValueUsd).toBeNull();
    expect(strict.missingInputs.hpcValueUsd).toEqual(['hpcContracts[0].contractValueUsd', 'hpcContracts[0].termYears', 'hpcContracts[2].contractValueUsd', 'hpcContracts[2].termYears']);
    const lenient = companyValuation(wulf, market, { valuation: { excludeIncompleteHpcContracts: true } });
    expect(lenient.excludedHpcContracts).toEqual(['Core42', 'Fluidstack JV (Abernathy, Texas)']);
    expect(lenient.hpcContracts[1]).toMatchObject({ noiMarginRatio: 0.85, noiMarginSource: 'contract', annualNoiUsd: 314.5e6 });
    expect(lenient.hpcCriticalItMw).toBe(200);
  });

  it('given CIFR (AWS rent from August 2026), when valued at the profile date 2025-09-30, then the AWS lease starts after 10 months', () => {
    const v = companyValuation(loadShipped('cifr'), market);
    expect(v.hpcContracts[0]).toMatchObject({ counterparty: 'Amazon Web Services', startDelayMonths: 10, startDelaySource: 'contract' });
  });

  it('given IREN (Microsoft GPU cloud contract, no margin), when valued, then HPC is null naming the margin: no lease default for a cloud service', () => {
    const v = companyValuation(loadShipped('iren'), market);
    expect(v.missingInputs.hpcValueUsd).toEqual(['hpcContracts[0].noiMarginRatio']);
  });
});
