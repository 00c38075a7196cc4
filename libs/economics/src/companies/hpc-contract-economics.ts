import { requireFraction, requireNonNegative, requirePositive } from '../shared/validate.util';
import { MONTHS_PER_YEAR } from '../shared/calendar.util';

/*
 * AI/HPC hosting contracts (docs/methodology.md §4.4): quoted as total contract value (TCV) over a term on
 * critical-IT MW. Leases escalate, so TCV / term is an AVERAGE, not year-1 rent.
 */

const KW_PER_MW = 1_000;

/** Average revenue per kW-month = TCV / (term_years · 12 · MW_IT · 1000). TeraWulf–Fluidstack: $3.7B / (10·12·200·1000) = $154.17. */
export function hpcUsdPerKwMonth(contractValueUsd: number, termYears: number, criticalItMw: number): number {
  requireNonNegative('contractValueUsd', contractValueUsd);
  requirePositive('termYears', termYears);
  requirePositive('criticalItMw', criticalItMw);
  return contractValueUsd / (termYears * MONTHS_PER_YEAR * criticalItMw * KW_PER_MW);
}

/** Average annual revenue = TCV / term. */
export function hpcAnnualRevenueUsd(contractValueUsd: number, termYears: number): number {
  requireNonNegative('contractValueUsd', contractValueUsd);
  requirePositive('termYears', termYears);
  return contractValueUsd / termYears;
}

/** Annual NOI = annual revenue × site NOI margin (TeraWulf: $370M × 85 % ≈ $315M/yr). */
export function hpcAnnualNoiUsd(annualRevenueUsd: number, noiMarginRatio: number): number {
  requireNonNegative('annualRevenueUsd', annualRevenueUsd);
  requireFraction('noiMarginRatio', noiMarginRatio);
  return annualRevenueUsd * noiMarginRatio;
}

/**
 * Year-1 rent of an escalating lease whose rents add up to the TCV:
 * TCV = R₁ · Σ_{y=0}^{n−1} (1+g)^y (whole years; a fractional last year is pro-rated).
 */
export function hpcFirstYearRentUsd(contractValueUsd: number, termYears: number, annualEscalatorRatio: number): number {
  requireNonNegative('contractValueUsd', contractValueUsd);
  requirePositive('termYears', termYears);
  requireFraction('annualEscalatorRatio', annualEscalatorRatio);
  return contractValueUsd / escalatedYears(termYears, annualEscalatorRatio);
}

/** Σ over the term of (1+g)^year, with a fractional final year weighted by its length. */
export function escalatedYears(termYears: number, annualEscalatorRatio: number): number {
  let sum = 0;
  let factor = 1;
  for (let year = 0; year < termYears; year += 1) {
    sum += factor * Math.min(1, termYears - year);
    factor *= 1 + annualEscalatorRatio;
  }
  return sum;
}
