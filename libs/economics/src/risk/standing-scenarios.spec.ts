import { fig, syntheticProfile } from '../companies/company-profile.testing';
import { companyMetrics } from '../companies/company-metrics';
import type { MarketInputs } from '../companies/market-inputs';
import type { CompanyProfile } from '../companies/company-profile';
import { balanceSheetRisk, riskScore } from './balance-sheet-risk';
import { runStandingScenarios, STANDING_SCENARIOS } from './standing-scenarios';

// a profitable base (the synthetic miner loses money all-in at 100k and 150 T)
const market: MarketInputs = { btcPriceUsd: 150_000, difficulty: 100e12, height: 930_000, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };

describe('standing scenarios', () => {
  const profile = syntheticProfile();
  const result = runStandingScenarios(profile, market);
  const row = (name: string) => {
    const found = result.scenarios.find((r) => r.name === name);
    if (!found) throw new Error(name);
    return found;
  };

  it('given the shipped set, when listed, then it names each shock and the combinations', () => {
    expect(STANDING_SCENARIOS.map((s) => s.name)).toEqual([
      'btc −20 %', 'btc −40 %', 'btc −60 %', 'difficulty +10 %', 'difficulty +25 %', 'fees −50 %', 'power +30 %', 'power +50 %', 'next halving',
      'btc −20 % & difficulty +10 %', 'next halving & btc −20 %', 'btc −40 % & difficulty +25 % & power +30 %',
      'severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving',
    ]);
    expect(result.scenarios).toHaveLength(STANDING_SCENARIOS.length);
  });

  it('given BTC −20 %, when evaluated, then cost per BTC is unchanged, its ratio to price rises by 1/0.8 and margin, EBITDA and fair value fall', () => {
    const r = row('btc −20 %');
    expect(r.btcPriceUsd).toBe(120_000);
    expect(r.allInCostPerBtcUsd).toBeCloseTo(result.base.allInCostPerBtcUsd as number, 6);
    expect((r.allInCostToPriceRatio as number) / (result.base.allInCostToPriceRatio as number)).toBeCloseTo(1 / 0.8, 12);
    expect(r.allInMarginRatio as number).toBeLessThan(result.base.allInMarginRatio as number);
    expect(r.ebitdaChangeUsdPerYear as number).toBeLessThan(0);
    expect(r.equityValuePerShareChangeRatio as number).toBeLessThan(0);
  });

  it('given worse shocks of one driver, when evaluated, then EBITDA falls further (−20 > −40 > −60; +10 > +25; +30 > +50)', () => {
    for (const chain of [['btc −20 %', 'btc −40 %', 'btc −60 %'], ['difficulty +10 %', 'difficulty +25 %'], ['power +30 %', 'power +50 %']]) {
      const values = chain.map((name) => row(name).ebitdaRunRateUsdPerYear as number);
      for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeLessThan(values[i - 1]);
    }
  });

  it('given the next halving, when evaluated, then hashprice falls by (3.125 + 0.025)/(1.5625 + 0.025) (fees do not halve) and direct cost per BTC rises', () => {
    const base = companyMetrics(profile, market);
    const halved = row('next halving');
    expect(halved.directCostPerBtcUsd as number).toBeGreaterThan(base.directCostPerBtcUsd as number);
    expect(result.base.hashpriceUsdPerPhDay / halved.hashpriceUsdPerPhDay).toBeCloseTo(3.15 / 1.5875, 12);
  });

  it('given a profile without debt, when evaluated, then fair value is null and names the missing input', () => {
    const sparse = runStandingScenarios(syntheticProfile({ totalDebtUsd: null }), market, {}, [{ name: 'x', shock: { btcPriceChangeRatio: -0.1 } }]);
    expect(sparse.base.equityValuePerShareUsd).toBeNull();
    expect(sparse.scenarios[0].missingInputs.equityValuePerShareUsd).toContain('balanceSheet.totalDebtUsd');
  });

  it('given a custom set with a bad shock, when run, then the error names the scenario and field', () => {
    expect(() => runStandingScenarios(profile, market, {}, [{ name: 'bad', shock: { btcPriceChangeRatio: -2 } }])).toThrow(/^scenarios\[0\]\.shock\.btcPriceChangeRatio: must be greater than −1/);
    expect(() => runStandingScenarios(profile, market, {}, [{ name: 'a', shock: {} }, { name: 'a', shock: {} }])).toThrow(/^scenarios\[1\]\.name: 'a' is listed twice/);
  });
});

describe('balance-sheet risk', () => {
  const withContracts = (base: CompanyProfile): CompanyProfile => ({
    ...base,
    power: {
      ...base.power,
      contracts: [
        { name: 'A', kind: 'fixed-price', capacityMw: fig(150), priceUsdPerKwh: fig(0.04), termYears: fig(10) },
        { name: 'B', kind: 'index', capacityMw: fig(150), priceUsdPerKwh: fig(null), termYears: fig(null) },
      ],
    },
    balanceSheet: { ...base.balanceSheet, convertibleNotesUsd: fig(200_000_000) },
  });

  it('given 300 M debt, 100 M cash, 200 M convertibles at a 20 USD share price and 150 of 300 MW fixed for 10 years, when assessed, then the figures follow by hand', () => {
    const profile = withContracts(syntheticProfile());
    const metrics = companyMetrics(profile, market);
    const risk = balanceSheetRisk(profile, metrics, runStandingScenarios(profile, market));
    expect(risk.netDebtUsd).toBe(200_000_000);
    expect(risk.netDebtToEbitda).toBeCloseTo(200_000_000 / (metrics.ebitdaRunRateUsdPerYear as number), 12);
    expect(risk.convertibleSharesIfConverted).toBe(10_000_000);
    expect(risk.convertibleDilutionRatio).toBeCloseTo(10 / 110, 12);
    expect(risk.fixedPricePowerShareRatio).toBe(0.5);
    expect(risk.fixedPriceRemainingTermYears).toBe(10);
    expect(risk.riskScore.components.powerPriceExposure).toBe(0.5);
    expect(risk.riskScore.components.dilution).toBeCloseTo(10 / 110 / 0.25, 12);
    expect(risk.riskScore.score).not.toBeNull();
  });

  it('given a conversion price of 40 USD, when assessed, then the notes convert into half as many shares', () => {
    const profile = withContracts(syntheticProfile());
    const risk = balanceSheetRisk(profile, companyMetrics(profile, market), null, { convertibleConversionPriceUsd: 40 });
    expect(risk.convertibleSharesIfConverted).toBe(5_000_000);
    expect(risk.riskScore.unknownComponents).toEqual(['scenarioFragility', 'policy']);
  });

  it('given components, when scored, then the score is the weighted mean of the known ones × 100 (hand)', () => {
    // (0.25·1 + 0.25·0 + 0.15·0.5) / (0.25 + 0.25 + 0.15) = 0.325 / 0.65 = 0.5
    const s = riskScore({ leverage: 1, runway: 0, scenarioFragility: null, powerPriceExposure: 0.5, dilution: null, policy: null });
    expect(s.score).toBeCloseTo(50, 12);
    expect(s.unknownComponents).toEqual(['scenarioFragility', 'dilution', 'policy']);
    expect(riskScore({ leverage: null, runway: null, scenarioFragility: null, powerPriceExposure: null, dilution: null, policy: null }).score).toBeNull();
    // with a policy component of 1: (0.325 + 0.15) / (0.65 + 0.15) = 0.59375
    expect(riskScore({ leverage: 1, runway: 0, scenarioFragility: null, powerPriceExposure: 0.5, dilution: null, policy: 1 }).score).toBeCloseTo(59.375, 12);
  });

  it('given a profile with no power contracts and no convertibles figure, when assessed, then those figures are null with a note', () => {
    const profile = syntheticProfile();
    const risk = balanceSheetRisk(profile, companyMetrics(profile, market), null);
    expect(risk.fixedPricePowerShareRatio).toBeNull();
    expect(risk.notes.fixedPricePowerShareRatio).toBe('the profile lists no power contracts');
    expect(risk.notes.convertibleDilutionRatio).toMatch(/balanceSheet\.convertibleNotesUsd/);
  });
});
