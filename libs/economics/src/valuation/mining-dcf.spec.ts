import fc from 'fast-check';
import { BLOCKS_PER_MONTH, miningDcf, type MiningDcfInput } from './mining-dcf';

// 10 EH/s at 20 J/TH, 5 c/kWh, D = 150 T, 3.125 + 0.025 BTC per block, $100,000/BTC, $1M fixed costs a month.
const base: MiningDcfInput = {
  btcPriceUsd: 100_000,
  difficulty: 150e12,
  height: 900_000,
  feesBtcPerBlock: 0.025,
  hashrateEhs: 10,
  efficiencyJth: 20,
  powerUsdPerKwh: 0.05,
  fixedCostUsdPerMonth: 1_000_000,
  horizonMonths: 1,
  taxRate: 0,
  discountRatePerYear: 0,
};
const SECONDS_PER_MONTH = 86_400 * 30.4375;
const btcPerMonth = (ehs: number, d: number, reward: number) => ((ehs * 1e18 * SECONDS_PER_MONTH) / (d * 2 ** 32)) * reward;
const rowsOf = (r: ReturnType<typeof miningDcf>) => r.rows ?? [];
const POWER_PER_MONTH = 10 * 20 * 1_000 * 24 * 30.4375 * 0.05; // 200 MW → $7,305,000

describe('mining DCF, hand-checked', () => {
  it('given one month, no tax and no discounting, when valued, then PV = revenue − power − fixed costs (hand)', () => {
    const r = miningDcf(base);
    const btc = btcPerMonth(10, 150e12, 3.15);
    expect(r.totalBtcMined).toBeCloseTo(btc, 9);
    expect(r.totalPowerCostUsd).toBeCloseTo(POWER_PER_MONTH, 6);
    expect(r.presentValueUsd).toBeCloseTo(btc * 100_000 - POWER_PER_MONTH - 1_000_000, 3);
  });

  it('given 4,383 blocks a month (144 × 30.4375), when the month constant is read, then it is exact', () => {
    expect(BLOCKS_PER_MONTH).toBe(4_383);
  });

  it('given a start 1,000 blocks before the 2028 halving (height 1,050,000), when valued, then month 0 is pro-rated and later months earn 1.5625 BTC subsidy', () => {
    const r = miningDcf({ ...base, height: 1_049_000, horizonMonths: 3, includeMonthlyRows: true });
    expect(rowsOf(r)[0].subsidyBtc).toBeCloseTo((1_000 * 3.125 + 3_383 * 1.5625) / 4_383, 12);
    expect(rowsOf(r)[1].subsidyBtc).toBe(1.5625);
    expect(r.halvingsInHorizon).toBe(1);
  });

  it('given a 10 % annual discount rate, when valued, then month m is discounted by 1.1^−(m+1)/12', () => {
    const r = miningDcf({ ...base, horizonMonths: 24, discountRatePerYear: 0.1, includeMonthlyRows: true });
    expect(rowsOf(r)[11].discountFactor).toBeCloseTo(1 / 1.1, 12);
    expect(rowsOf(r)[23].discountFactor).toBeCloseTo(1 / 1.21, 12);
  });

  it('given a loss month followed by profit, when taxed at 21 %, then the loss is carried forward before any tax is due', () => {
    // month 0: price path $10,000 → idles, EBITDA −$1M; month 1: $100,000 → EBITDA E; tax = 21 % of (E − 1M)
    const r = miningDcf({ ...base, horizonMonths: 2, btcPriceUsdByMonth: [10_000, 100_000], taxRate: 0.21, includeMonthlyRows: true });
    const ebitda1 = btcPerMonth(10, 150e12, 3.15) * 100_000 - POWER_PER_MONTH - 1_000_000;
    expect(rowsOf(r)[0].mining).toBe(false);
    expect(rowsOf(r)[0].ebitdaUsd).toBeCloseTo(-1_000_000, 6);
    expect(rowsOf(r)[1].taxUsd).toBeCloseTo(0.21 * (ebitda1 - 1_000_000), 3);
    expect(r.monthsShutDown).toBe(1);
  });

  it('given 20 %/yr degradation without replacement, when valued over 5 years, then the fleet ends at 10 · 0.8^5 EH/s with no capex', () => {
    const r = miningDcf({ ...base, horizonMonths: 60, fleetDegradationRatioPerYear: 0.2 });
    expect(r.endHashrateEhs).toBeCloseTo(10 * 0.8 ** 5, 9);
    expect(r.totalCapexUsd).toBe(0);
  });

  it('given 20 %/yr degradation replaced at $15/TH with 15 J/TH machines, when valued over a year, then hashrate holds, 12 × 10 × (1 − 0.8^(1/12)) = 2.21 EH/s are bought and efficiency moves 20 % of the way to 15 J/TH', () => {
    const r = miningDcf({ ...base, horizonMonths: 12, fleetDegradationRatioPerYear: 0.2, replaceDegradedHashrate: true, replacementCapexUsdPerTh: 15, replacementEfficiencyJth: 15 });
    expect(r.endHashrateEhs).toBeCloseTo(10, 9);
    // a constant monthly retirement share s = 1 − 0.8^(1/12) of a fleet held at 10 EH/s
    expect(r.totalCapexUsd).toBeCloseTo(12 * 10 * (1 - 0.8 ** (1 / 12)) * 1e6 * 15, 0);
    // power: P₁₂ = 10·15 + (10·20 − 10·15)·0.8 = 190 MW
    expect(r.endEfficiencyJth).toBeCloseTo(0.8 * 20 + 0.2 * 15, 9);
  });

  it('given explicit monthly paths equal to a growth path, when valued, then the result is the same', () => {
    const months = 120;
    const prices = Array.from({ length: months }, (_, m) => 100_000 * 1.2 ** (m / 12));
    const difficulties = Array.from({ length: months }, (_, m) => 150e12 * 1.3 ** (m / 12));
    const growth = miningDcf({ ...base, horizonMonths: months, btcPriceGrowthRatioPerYear: 0.2, difficultyGrowthRatioPerYear: 0.3, discountRatePerYear: 0.12, taxRate: 0.21 });
    const paths = miningDcf({ ...base, horizonMonths: months, btcPriceUsdByMonth: prices, difficultyByMonth: difficulties, discountRatePerYear: 0.12, taxRate: 0.21 });
    expect(paths.presentValueUsd / growth.presentValueUsd).toBeCloseTo(1, 9);
    expect(growth.halvingsInHorizon).toBe(2); // heights 900,000 → 1,425,960 cross 1,050,000 and 1,260,000
  });

  it('given a growth ratio and a path for the price, when valued, then the error names the conflict', () => {
    expect(() => miningDcf({ ...base, btcPriceGrowthRatioPerYear: 0.1, btcPriceUsdByMonth: [1] })).toThrow('btcPriceUsdByMonth: cannot be combined with btcPriceGrowthRatioPerYear');
  });

  it('given a path shorter than the horizon, when valued, then the error names the path', () => {
    expect(() => miningDcf({ ...base, horizonMonths: 3, difficultyByMonth: [1e14] })).toThrow(/^difficultyByMonth: must list one value per month/);
  });

  it('given replacement without a price per TH, when valued, then the error names replacementCapexUsdPerTh', () => {
    expect(() => miningDcf({ ...base, replaceDegradedHashrate: true, fleetDegradationRatioPerYear: 0.1 })).toThrow('replacementCapexUsdPerTh: is required when replaceDegradedHashrate is true');
  });
});

describe('mining DCF properties', () => {
  const scenario = fc.record({
    btcPriceUsd: fc.double({ min: 20_000, max: 300_000, noNaN: true }),
    difficultyGrowthRatioPerYear: fc.double({ min: -0.2, max: 1, noNaN: true }),
    efficiencyJth: fc.double({ min: 12, max: 35, noNaN: true }),
    powerUsdPerKwh: fc.double({ min: 0.02, max: 0.1, noNaN: true }),
    fixedCostUsdPerMonth: fc.double({ min: 0, max: 5e6, noNaN: true }),
    taxRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
    discountRatePerYear: fc.double({ min: 0, max: 0.4, noNaN: true }),
    fleetDegradationRatioPerYear: fc.double({ min: 0, max: 0.3, noNaN: true }),
    height: fc.integer({ min: 840_000, max: 1_100_000 }),
  });

  it('given any fleet and market, when the BTC price rises, then the PV does not fall (property)', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 1, max: 3, noNaN: true }), (s, k) => {
        const low = miningDcf({ ...base, ...s, horizonMonths: 60 });
        const high = miningDcf({ ...base, ...s, btcPriceUsd: s.btcPriceUsd * k, horizonMonths: 60 });
        expect(high.presentValueUsd).toBeGreaterThanOrEqual(low.presentValueUsd - 1e-6 * Math.abs(low.presentValueUsd));
      }),
    );
  });

  it('given cash flows that are never negative, when the discount rate rises, then the PV does not rise (property)', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0.001, max: 0.5, noNaN: true }), (s, step) => {
        const input = { ...base, ...s, fixedCostUsdPerMonth: 0, horizonMonths: 60 };
        const low = miningDcf(input);
        fc.pre(low.allCashFlowsNonNegative);
        const high = miningDcf({ ...input, discountRatePerYear: s.discountRatePerYear + step });
        expect(high.presentValueUsd).toBeLessThanOrEqual(low.presentValueUsd * (1 + 1e-12));
      }),
    );
  });

  it('given shutdown when unprofitable, when valued, then the PV is at least the PV of running regardless (property)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = { ...base, ...s, horizonMonths: 48, taxRate: 0 };
        expect(miningDcf(input).presentValueUsd).toBeGreaterThanOrEqual(miningDcf({ ...input, shutdownWhenUnprofitable: false }).presentValueUsd - 1e-6);
      }),
    );
  });
});
