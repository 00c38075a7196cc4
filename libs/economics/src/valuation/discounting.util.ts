import { requireFinite } from '../shared/validate.util';
import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { MONTHS_PER_YEAR } from '../shared/calendar.util';

/** Monthly rate with the same annual effect: (1 + r)^(1/12) − 1. */
export function monthlyRateFromAnnual(ratePerYear: number): number {
  requireFinite('ratePerYear', ratePerYear);
  if (ratePerYear <= -1) throw new EconomicsInputError('ratePerYear', Code.OUT_OF_RANGE, 'must be greater than −1 (a ratio, −100 % or less is impossible)');
  return (1 + ratePerYear) ** (1 / MONTHS_PER_YEAR) - 1;
}

/** Growth factor after `months` at an annual growth ratio: (1 + g)^(months/12). */
export function annualGrowthFactor(growthRatioPerYear: number, months: number): number {
  return (1 + growthRatioPerYear) ** (months / MONTHS_PER_YEAR);
}

/** A discount or growth rate as a ratio above −1 (0.15 = 15 %/yr). */
export function requireRatePerYear(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= -1) throw new EconomicsInputError(field, Code.OUT_OF_RANGE, 'must be greater than −1, as a ratio per year (0.15 = 15 %)');
  if (value > 10) throw new EconomicsInputError(field, Code.OUT_OF_RANGE, 'must be at most 10 (1,000 %/yr), as a ratio not a percent');
  return value;
}
