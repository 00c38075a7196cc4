import { syntheticProfile } from '../companies/company-profile.testing';
import type { MarketInputs } from '../companies/market-inputs';
import { findAsicModel } from '../machines/asic-catalog';
import { compareScenario, type ScenarioRow } from './scenario-comparison';
import { companyEvaluator, machineEvaluator } from './scenario-evaluators';
import { machineAtMarket } from './machine-at-market';

const market: MarketInputs = { btcPriceUsd: 100_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };
const row = (rows: readonly ScenarioRow[], metric: string) => rows.find((r) => r.metric === metric) as unknown as { base: number; shocked: number; changeRatio: number };

describe('scenarios on a company', () => {
  const evaluate = companyEvaluator(syntheticProfile(), ['btcPerDay', 'miningRevenueUsdPerDay', 'powerCostPerBtcUsd', 'mNavBasic', 'miningValueUsd']);

  it('given BTC −20 %, when compared, then revenue falls 20 %, power cost per BTC is unchanged and basic mNAV rises by 1/0.8', () => {
    const { rows } = compareScenario(market, { btcPriceChangeRatio: -0.2 }, evaluate);
    expect(row(rows, 'miningRevenueUsdPerDay').changeRatio).toBeCloseTo(-0.2, 12);
    expect(row(rows, 'powerCostPerBtcUsd').changeRatio).toBeCloseTo(0, 12);
    expect(row(rows, 'mNavBasic').changeRatio).toBeCloseTo(1 / 0.8 - 1, 12);
    expect(row(rows, 'miningValueUsd').shocked).toBeLessThan(row(rows, 'miningValueUsd').base);
  });

  it('given difficulty +10 %, when compared, then BTC per day is divided by 1.1 and power cost per BTC multiplied by 1.1', () => {
    const { rows } = compareScenario(market, { difficultyChangeRatio: 0.1 }, evaluate);
    expect(row(rows, 'btcPerDay').changeRatio).toBeCloseTo(1 / 1.1 - 1, 12);
    expect(row(rows, 'powerCostPerBtcUsd').changeRatio).toBeCloseTo(0.1, 12);
  });

  it('given power +30 %, when compared, then power cost per BTC rises 30 %', () => {
    const { rows } = compareScenario(market, { powerPriceChangeRatio: 0.3 }, evaluate);
    expect(row(rows, 'powerCostPerBtcUsd').changeRatio).toBeCloseTo(0.3, 12);
  });

  it('given the halving, when compared, then BTC per day scales by (1.5625 + 0.025)/(3.125 + 0.025) — fees do not halve (docs/methodology.md §2.1)', () => {
    const { rows, shockedMarket } = compareScenario(market, { halving: true }, evaluate);
    expect(row(rows, 'btcPerDay').changeRatio).toBeCloseTo(1.5875 / 3.15 - 1, 12);
    expect(shockedMarket.height).toBe(1_050_000);
  });

  it('given an unknown metric name, when the evaluator is built, then the error names metrics', () => {
    expect(() => companyEvaluator(syntheticProfile(), ['btcPerWeek'])).toThrow(/^metrics: unknown metric 'btcPerWeek'/);
  });
});

describe('scenarios on a machine', () => {
  const s21 = findAsicModel('Antminer S21');
  const machine = { hashrateThs: s21.hashrateThs, powerW: s21.powerW, powerUsdPerKwh: 0.05 };

  it('given an S21 (200 TH/s, 3,500 W) at 5 c/kWh, when valued in a market, then revenue is 0.2 PH/s × the market hashprice and power is $4.20/day (hand)', () => {
    const r = machineAtMarket(machine, market);
    const hashpriceUsd = ((3.15 * 86_400 * 1e15) / (150e12 * 2 ** 32)) * 100_000;
    expect(r.hashpriceUsdPerPhDay).toBeCloseTo(hashpriceUsd, 9);
    expect(r.revenueUsdPerDay).toBeCloseTo(0.2 * hashpriceUsd, 9);
    expect(r.powerCostUsdPerDay).toBeCloseTo(4.2, 12);
  });

  it('given the halving, when compared, then the S21 shutdown price rises by 3.15/1.5875 and its break-even power price falls by the same factor', () => {
    const { rows } = compareScenario(market, { halving: true }, machineEvaluator(machine));
    expect(row(rows, 'shutdownPriceUsd').changeRatio).toBeCloseTo(3.15 / 1.5875 - 1, 12);
    expect(row(rows, 'breakevenPowerUsdPerKwh').changeRatio).toBeCloseTo(1.5875 / 3.15 - 1, 12);
  });
});
