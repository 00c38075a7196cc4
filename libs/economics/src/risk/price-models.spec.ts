import { calibrateGbm, dailyLogReturns, fillDailyLogReturns, gbmPriceQuantile, inverseStandardNormal, preparePriceModel } from './price-models';
import { SeededRandom } from './seeded-random';

describe('price models', () => {
  it('given known probabilities, when Φ⁻¹ is taken, then it matches the tables (1e-8)', () => {
    expect(inverseStandardNormal(0.5)).toBeCloseTo(0, 8);
    expect(inverseStandardNormal(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(inverseStandardNormal(0.05)).toBeCloseTo(-1.6448536269514729, 8);
    expect(inverseStandardNormal(0.001)).toBeCloseTo(-3.090232306167813, 8);
  });

  it('given prices growing 1 % a day, when calibrated, then the daily log return is ln 1.01, volatility 0 and μ = 365.25·ln 1.01', () => {
    const prices = Array.from({ length: 50 }, (_, i) => 100 * 1.01 ** i);
    const c = calibrateGbm(prices);
    expect(c.meanDailyLogReturn).toBeCloseTo(Math.log(1.01), 12);
    expect(c.volatilityPerYear).toBeLessThan(1e-9);
    expect(c.driftPerYear).toBeCloseTo(365.25 * Math.log(1.01), 9);
    expect(c.observations).toBe(49);
  });

  it('given a GBM history simulated with μ = 0.3 and σ = 0.6, when calibrated, then σ is recovered within 3 %', () => {
    const model = preparePriceModel({ kind: 'gbm', driftPerYear: 0.3, volatilityPerYear: 0.6 });
    const returns = new Float64Array(20_000);
    fillDailyLogReturns(model, new SeededRandom(11), returns);
    const prices = [100];
    for (const r of returns) prices.push(prices[prices.length - 1] * Math.exp(r));
    expect(calibrateGbm(prices).volatilityPerYear).toBeCloseTo(0.6, 1);
    expect(Math.abs(calibrateGbm(prices).volatilityPerYear / 0.6 - 1)).toBeLessThan(0.03);
  });

  it('given σ = 0, when the q-quantile is asked, then it is P0·e^{μT} for every q', () => {
    expect(gbmPriceQuantile(100, { kind: 'gbm', driftPerYear: 0.1, volatilityPerYear: 0 }, 365.25, 0.05)).toBeCloseTo(100 * Math.exp(0.1), 9);
  });

  it('given a history, when block-bootstrapped over many paths, then the mean simulated return equals the historical mean (and 0 when demeaned)', () => {
    const history = new Float64Array(400);
    fillDailyLogReturns(preparePriceModel({ kind: 'gbm', driftPerYear: 0.8, volatilityPerYear: 0.7 }), new SeededRandom(3), history);
    const mean = history.reduce((s, r) => s + r, 0) / history.length;
    for (const demean of [false, true]) {
      const model = preparePriceModel({ kind: 'block-bootstrap', dailyLogReturns: history, blockLengthDays: 20, demean });
      const random = new SeededRandom(4);
      const out = new Float64Array(365);
      let sum = 0;
      const paths = 4_000;
      for (let p = 0; p < paths; p += 1) {
        random.reseed(4, p);
        fillDailyLogReturns(model, random, out);
        for (const r of out) sum += r;
      }
      const expected = demean ? 0 : mean;
      // SE of the mean over 4,000 × 365 draws in blocks of 20: ≈ 0.037 / √(73,000) × √20 ≈ 6e-4 / … ; allow 4e-4
      expect(Math.abs(sum / (paths * 365) - expected)).toBeLessThan(4e-4);
    }
  });

  it('given a bootstrap, then every simulated return is one of the historical returns (blocks wrap around the end)', () => {
    const history = Float64Array.from({ length: 10 }, (_, i) => i / 100);
    const model = preparePriceModel({ kind: 'block-bootstrap', dailyLogReturns: history, blockLengthDays: 4 });
    const out = new Float64Array(50);
    fillDailyLogReturns(model, new SeededRandom(1), out);
    for (let t = 0; t < 50; t += 1) expect(history).toContain(out[t]);
    for (let t = 1; t < 4; t += 1) expect(Math.round(out[t] * 100)).toBe((Math.round(out[0] * 100) + t) % 10);
  });

  it('given bad inputs, when prepared, then the error names the field', () => {
    expect(() => preparePriceModel({ kind: 'gbm', driftPerYear: 0, volatilityPerYear: -1 })).toThrow(/^priceModel.volatilityPerYear: must be 0 or more/);
    expect(() => preparePriceModel({ kind: 'block-bootstrap', dailyLogReturns: [0.1], blockLengthDays: 5 })).toThrow(/^priceModel.dailyLogReturns: must list 10 to/);
    expect(() => preparePriceModel({ kind: 'garch' } as never)).toThrow(/^priceModel.kind: unknown price model 'garch'/);
    expect(() => dailyLogReturns([1, 0])).toThrow(/^pricesUsd\[1\]: must be greater than 0/);
  });
});
