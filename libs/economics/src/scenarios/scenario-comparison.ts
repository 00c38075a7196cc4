import type { MarketInputs } from '../companies/market-inputs';
import { METHODOLOGY_VERSION } from '../companies/methodology-version';
import { applyMarketShock, type MarketShock } from './market-shock';

/*
 * Any metric function, before and after a shock. `evaluate` maps a market to named numbers (null
 * when unknown); the comparison lists each with its base value, shocked value and change.
 */

export type MetricEvaluator = (market: MarketInputs) => Readonly<Record<string, number | null>>;

export interface ScenarioRow {
  readonly metric: string;
  readonly base: number | null;
  readonly shocked: number | null;
  /** shocked − base; null when either is unknown. */
  readonly change: number | null;
  /** shocked / base − 1; null when either is unknown or base is 0. */
  readonly changeRatio: number | null;
}

export interface ScenarioComparison {
  readonly methodologyVersion: string;
  readonly shock: MarketShock;
  readonly baseMarket: MarketInputs;
  readonly shockedMarket: MarketInputs;
  readonly rows: readonly ScenarioRow[];
}

export function compareScenario(base: MarketInputs, shock: MarketShock, evaluate: MetricEvaluator): ScenarioComparison {
  const shockedMarket = applyMarketShock(base, shock);
  const before = evaluate(base);
  const after = evaluate(shockedMarket);
  const rows = Object.keys(before).map((metric) => {
    const b = before[metric];
    const s = after[metric] ?? null;
    return {
      metric,
      base: b,
      shocked: s,
      change: b === null || s === null ? null : s - b,
      changeRatio: b === null || s === null || b === 0 ? null : s / b - 1,
    };
  });
  return { methodologyVersion: METHODOLOGY_VERSION, shock, baseMarket: base, shockedMarket, rows };
}
