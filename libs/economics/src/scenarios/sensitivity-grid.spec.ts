import { companyMetrics } from '../companies/company-metrics';
import { syntheticProfile } from '../companies/company-profile.testing';
import type { MarketInputs } from '../companies/market-inputs';
import { companyValuation } from '../valuation/company-valuation';
import { btcPriceByDifficultyGrowthGrid, btcPriceByPowerPriceGrid, difficultyAfterOneYear, sensitivityGrid } from './sensitivity-grid';

const market: MarketInputs = { btcPriceUsd: 100_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };
const profile = syntheticProfile();

describe('sensitivity grids', () => {
  it('given BTC price × power price, when the power margin is tabulated, then it is 1 − 24·e·p/(HV·price) in every cell (hand)', () => {
    const prices = [60_000, 90_000, 120_000];
    const powers = [0.03, 0.05, 0.07];
    const grid = btcPriceByPowerPriceGrid(market, 'powerMarginRatio', prices, powers, (m) => companyMetrics(profile, m).powerMarginRatio);
    const hv = (3.15 * 86_400 * 1e15) / (150e12 * 2 ** 32);
    expect(grid.rowAxis).toEqual({ name: 'btcPriceUsd', values: prices });
    expect(grid.columnAxis.name).toBe('powerUsdPerKwh');
    grid.cells.forEach((cells, i) => cells.forEach((cell, j) => expect(cell).toBeCloseTo(1 - (24 * 20 * powers[j]) / (hv * prices[i]), 12)));
  });

  it('given BTC price × difficulty growth, when the mining DCF value is tabulated, then it rises along each row and falls along each column', () => {
    const grid = btcPriceByDifficultyGrowthGrid(market, 'miningValueUsd', [80_000, 100_000, 150_000], [0, 0.25, 0.5], (m, g) =>
      companyValuation(profile, m, { valuation: { difficultyGrowthRatioPerYear: g } }).miningValueUsd,
    );
    const cells = grid.cells as number[][];
    for (let i = 0; i < 3; i += 1) for (let j = 1; j < 3; j += 1) expect(cells[i][j]).toBeLessThan(cells[i][j - 1]);
    for (let j = 0; j < 3; j += 1) for (let i = 1; i < 3; i += 1) expect(cells[i][j]).toBeGreaterThan(cells[i - 1][j]);
  });

  it('given a run-rate metric and difficulty growth, when the market a year ahead is built, then difficulty is D·(1 + g)', () => {
    expect(difficultyAfterOneYear(market, 0.4).difficulty).toBeCloseTo(210e12, 0);
  });

  it('given an evaluator that returns null or NaN, when tabulated, then the cell is null', () => {
    const grid = sensitivityGrid('x', { name: 'a', values: [1, 2] }, { name: 'b', values: [1] }, (a) => (a === 1 ? null : Number.NaN));
    expect(grid.cells).toEqual([[null], [null]]);
  });

  it('given an empty axis, when tabulated, then the error names the axis', () => {
    expect(() => sensitivityGrid('x', { name: 'btcPriceUsd', values: [] }, { name: 'b', values: [1] }, () => 1)).toThrow(/^btcPriceUsd: must list 1 to 200 values/);
  });
});
