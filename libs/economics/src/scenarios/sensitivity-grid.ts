import { requireFinite } from '../shared/validate.util';
import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import type { MarketInputs } from '../companies/market-inputs';
import { METHODOLOGY_VERSION } from '../companies/methodology-version';

/*
 * Two-way sensitivity tables: one metric over a grid of two drivers, returned as a table
 * (cells[row][column]); null cells are unknown or not meaningful.
 */

export interface GridAxis {
  /** The driver, with its unit: `btcPriceUsd`, `powerUsdPerKwh`, `difficultyGrowthRatio`. */
  readonly name: string;
  readonly values: readonly number[];
}

export interface SensitivityGrid {
  readonly methodologyVersion: string;
  readonly metric: string;
  readonly rowAxis: GridAxis;
  readonly columnAxis: GridAxis;
  readonly cells: readonly (readonly (number | null)[])[];
}

const MAX_AXIS_VALUES = 200;

function requireAxis(axis: GridAxis): GridAxis {
  if (!Array.isArray(axis.values) || axis.values.length === 0 || axis.values.length > MAX_AXIS_VALUES) {
    throw new EconomicsInputError(axis.name, Code.OUT_OF_RANGE, `must list 1 to ${MAX_AXIS_VALUES} values`);
  }
  axis.values.forEach((value, index) => requireFinite(`${axis.name}[${index}]`, value));
  return axis;
}

export function sensitivityGrid(metric: string, rowAxis: GridAxis, columnAxis: GridAxis, evaluate: (row: number, column: number) => number | null): SensitivityGrid {
  requireAxis(rowAxis);
  requireAxis(columnAxis);
  const cells = rowAxis.values.map((row) => columnAxis.values.map((column) => {
    const value = evaluate(row, column);
    return value === null || !Number.isFinite(value) ? null : value;
  }));
  return { methodologyVersion: METHODOLOGY_VERSION, metric, rowAxis, columnAxis, cells };
}

/** BTC price (rows) × power price (columns, $/kWh, set as the market override). */
export function btcPriceByPowerPriceGrid(
  base: MarketInputs,
  metric: string,
  btcPricesUsd: readonly number[],
  powerPricesUsdPerKwh: readonly number[],
  evaluate: (market: MarketInputs) => number | null,
): SensitivityGrid {
  return sensitivityGrid(metric, { name: 'btcPriceUsd', values: btcPricesUsd }, { name: 'powerUsdPerKwh', values: powerPricesUsdPerKwh }, (btcPriceUsd, powerUsdPerKwh) =>
    evaluate({ ...base, btcPriceUsd, powerUsdPerKwh }),
  );
}

/**
 * BTC price (rows) × difficulty growth per year (columns, ratios). `evaluate` gets the market at that
 * price and the growth ratio: a DCF uses it as its path, a run-rate metric as the difficulty a year
 * ahead (see difficultyAfterOneYear).
 */
export function btcPriceByDifficultyGrowthGrid(
  base: MarketInputs,
  metric: string,
  btcPricesUsd: readonly number[],
  difficultyGrowthRatiosPerYear: readonly number[],
  evaluate: (market: MarketInputs, difficultyGrowthRatioPerYear: number) => number | null,
): SensitivityGrid {
  difficultyGrowthRatiosPerYear.forEach((g, i) => {
    if (g <= -1) throw new EconomicsInputError(`difficultyGrowthRatioPerYear[${i}]`, Code.OUT_OF_RANGE, 'must be greater than −1, as a ratio');
  });
  return sensitivityGrid(metric, { name: 'btcPriceUsd', values: btcPricesUsd }, { name: 'difficultyGrowthRatioPerYear', values: difficultyGrowthRatiosPerYear }, (btcPriceUsd, growth) =>
    evaluate({ ...base, btcPriceUsd }, growth),
  );
}

/** The market a year ahead at a difficulty growth ratio (everything else unchanged). */
export function difficultyAfterOneYear(market: MarketInputs, difficultyGrowthRatioPerYear: number): MarketInputs {
  return { ...market, difficulty: market.difficulty * (1 + difficultyGrowthRatioPerYear) };
}
