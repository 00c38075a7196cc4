import { requireFraction, requireIntegerInRange, requireNonNegative, requirePositive } from '../shared/validate.util';
import { MONTHS_PER_YEAR } from '../shared/calendar.util';
import { monthlyRateFromAnnual, requireRatePerYear } from './discounting.util';

/*
 * An AI/HPC contract valued from its own terms: the NOI stream over the term, after tax, discounted
 * monthly from the first rent month, less the build capex still to spend (at the valuation date).
 * Rent escalates yearly by g and the rents add up to the TCV exactly (docs/methodology.md §4.4: TCV / term is
 * an average, year-1 rent is lower).
 */

export interface HpcContractValuationInput {
  readonly contractValueUsd: number;
  readonly termYears: number;
  readonly noiMarginRatio: number;
  /** Default 0. */
  readonly annualEscalatorRatio?: number;
  /** Months from the valuation date to the first rent month. Default 0. */
  readonly startDelayMonths?: number;
  readonly discountRatePerYear: number;
  /** Applied to NOI (no depreciation shield). Default 0. */
  readonly taxRate?: number;
  /** Deducted at the valuation date. Default 0. */
  readonly remainingBuildCapexUsd?: number;
}

export interface HpcContractValuation {
  readonly annualRevenueUsd: number;
  readonly firstYearRentUsd: number;
  readonly annualNoiUsd: number;
  /** PV of the after-tax NOI stream. */
  readonly noiPresentValueUsd: number;
  readonly remainingBuildCapexUsd: number;
  /** noiPresentValueUsd − remainingBuildCapexUsd. */
  readonly presentValueUsd: number;
}

export function hpcContractValuation(input: HpcContractValuationInput): HpcContractValuation {
  const tcv = requireNonNegative('contractValueUsd', input.contractValueUsd);
  const termYears = requirePositive('termYears', input.termYears);
  const margin = requireFraction('noiMarginRatio', input.noiMarginRatio);
  const escalator = requireFraction('annualEscalatorRatio', input.annualEscalatorRatio ?? 0);
  const delay = requireIntegerInRange('startDelayMonths', input.startDelayMonths ?? 0, 0, 1_200);
  const monthlyRate = monthlyRateFromAnnual(requireRatePerYear('discountRatePerYear', input.discountRatePerYear));
  const taxRate = requireFraction('taxRate', input.taxRate ?? 0, true);
  const capex = requireNonNegative('remainingBuildCapexUsd', input.remainingBuildCapexUsd ?? 0);
  const months = Math.max(1, Math.round(termYears * MONTHS_PER_YEAR));

  // weights (1+g)^year per month, normalised so that the rents add up to the TCV
  let weightSum = 0;
  let weightedPv = 0;
  let discount = (1 + monthlyRate) ** -delay;
  let yearFactor = 1;
  for (let month = 0; month < months; month += 1) {
    if (month > 0 && month % MONTHS_PER_YEAR === 0) yearFactor *= 1 + escalator;
    discount /= 1 + monthlyRate;
    weightSum += yearFactor;
    weightedPv += yearFactor * discount;
  }
  const rentPerWeight = tcv / weightSum;
  const noiPresentValueUsd = rentPerWeight * weightedPv * margin * (1 - taxRate);
  const annualRevenueUsd = tcv / termYears;
  return {
    annualRevenueUsd,
    firstYearRentUsd: rentPerWeight * Math.min(MONTHS_PER_YEAR, months),
    annualNoiUsd: annualRevenueUsd * margin,
    noiPresentValueUsd,
    remainingBuildCapexUsd: capex,
    presentValueUsd: noiPresentValueUsd - capex,
  };
}
