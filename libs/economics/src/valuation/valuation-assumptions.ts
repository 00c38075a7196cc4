import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFraction, requireIntegerInRange, requireNonNegative, requirePositive } from '../shared/validate.util';
import { dropUndefined } from '../companies/company-assumptions';
import { requireRatePerYear } from './discounting.util';

/**
 * The valuation's explicit assumptions, echoed in every result. The market paths default to "today's
 * market persists" (flat price and difficulty, halvings included): a transparent baseline, not a
 * forecast; override them. Discount and tax rates are placeholders for the user's own.
 */
export interface ValuationAssumptions {
  /** Fleet life, months. Default 60 (a 5-year ASIC life). */
  readonly horizonMonths: number;
  /** Default 0. */
  readonly btcPriceGrowthRatioPerYear: number;
  /** Default 0. For scale: difficulty rose 49.8 % from Nov 2024 to Nov 2025 (101.6 T → 152.3 T, difficulty-epochs.csv). */
  readonly difficultyGrowthRatioPerYear: number;
  /** Share of hashrate retired per year, 0–1. Default 0. */
  readonly fleetDegradationRatioPerYear: number;
  /** Default false. */
  readonly replaceDegradedHashrate: boolean;
  /** Required when replacing; no default. */
  readonly replacementCapexUsdPerTh?: number;
  /** Default: the fleet's efficiency. */
  readonly replacementEfficiencyJth?: number;
  /** Default true: a month whose revenue does not cover power idles the fleet. */
  readonly shutdownWhenUnprofitable: boolean;
  /** Default 0.21 (US federal statutory rate). */
  readonly taxRate: number;
  /** Mining cash flows, ratio per year. Default 0.15 (placeholder). */
  readonly discountRatePerYear: number;
  /** Contracted HPC NOI, ratio per year. Default 0.10 (placeholder; contracted rent with investment-grade backstops is less risky than mining). */
  readonly hpcDiscountRatePerYear: number;
  /** Months to first rent when a contract states no rent start date. Default 0. */
  readonly hpcStartDelayMonthsWhenUnknown: number;
  /** Build capex per critical-IT MW deducted for contracts not yet operating when the contract states none. No default (not deducted); docs/methodology.md §4.4 quotes $8–11 M/MW. */
  readonly hpcBuildCapexUsdPerMw?: number;
  /** EV per critical-IT MW for the cross-check. No default; docs/methodology.md §4.4 quotes ~$4.5 M/MW for miners, > $30 M/MW for data-center stocks (secondary). */
  readonly hpcEvPerMwUsd?: number;
  /** Value HPC from the complete contracts only, listing the others. Default false (one incomplete contract makes the HPC value unknown). */
  readonly excludeIncompleteHpcContracts: boolean;
  /** ISO date the valuation is made at (for rent start delays). Default: the profile's asOf. */
  readonly valuationDate?: string;
}

export const DEFAULT_VALUATION_ASSUMPTIONS: ValuationAssumptions = Object.freeze({
  horizonMonths: 60,
  btcPriceGrowthRatioPerYear: 0,
  difficultyGrowthRatioPerYear: 0,
  fleetDegradationRatioPerYear: 0,
  replaceDegradedHashrate: false,
  shutdownWhenUnprofitable: true,
  taxRate: 0.21,
  discountRatePerYear: 0.15,
  hpcDiscountRatePerYear: 0.1,
  hpcStartDelayMonthsWhenUnknown: 0,
  excludeIncompleteHpcContracts: false,
});

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function resolveValuationAssumptions(overrides: Partial<ValuationAssumptions> = {}): ValuationAssumptions {
  const merged = { ...DEFAULT_VALUATION_ASSUMPTIONS, ...dropUndefined(overrides) };
  requireIntegerInRange('horizonMonths', merged.horizonMonths, 1, 1_200);
  requireRatePerYear('btcPriceGrowthRatioPerYear', merged.btcPriceGrowthRatioPerYear);
  requireRatePerYear('difficultyGrowthRatioPerYear', merged.difficultyGrowthRatioPerYear);
  requireFraction('fleetDegradationRatioPerYear', merged.fleetDegradationRatioPerYear, true);
  requireFraction('taxRate', merged.taxRate, true);
  requireRatePerYear('discountRatePerYear', merged.discountRatePerYear);
  requireRatePerYear('hpcDiscountRatePerYear', merged.hpcDiscountRatePerYear);
  requireIntegerInRange('hpcStartDelayMonthsWhenUnknown', merged.hpcStartDelayMonthsWhenUnknown, 0, 1_200);
  for (const name of ['replaceDegradedHashrate', 'shutdownWhenUnprofitable', 'excludeIncompleteHpcContracts'] as const) {
    if (typeof merged[name] !== 'boolean') throw new EconomicsInputError(name, Code.OUT_OF_RANGE, 'must be true or false');
  }
  if (merged.replacementCapexUsdPerTh !== undefined) requireNonNegative('replacementCapexUsdPerTh', merged.replacementCapexUsdPerTh);
  if (merged.replaceDegradedHashrate && merged.replacementCapexUsdPerTh === undefined) {
    throw new EconomicsInputError('replacementCapexUsdPerTh', Code.MISSING, 'is required when replaceDegradedHashrate is true');
  }
  if (merged.replacementEfficiencyJth !== undefined) requirePositive('replacementEfficiencyJth', merged.replacementEfficiencyJth);
  if (merged.hpcBuildCapexUsdPerMw !== undefined) requireNonNegative('hpcBuildCapexUsdPerMw', merged.hpcBuildCapexUsdPerMw);
  if (merged.hpcEvPerMwUsd !== undefined) requireNonNegative('hpcEvPerMwUsd', merged.hpcEvPerMwUsd);
  if (merged.valuationDate !== undefined && (typeof merged.valuationDate !== 'string' || !ISO_DATE.test(merged.valuationDate))) {
    throw new EconomicsInputError('valuationDate', Code.OUT_OF_RANGE, 'must be an ISO date YYYY-MM-DD');
  }
  return Object.freeze(merged);
}
