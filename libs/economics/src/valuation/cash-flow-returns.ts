import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { known, notMeaningful, type Known } from '../shared/known-value.util';
import { bisectRoot, signChangeBrackets } from '../shared/root-finding.util';
import { requireFinite } from '../shared/validate.util';
import { MONTHS_PER_YEAR } from '../shared/calendar.util';

/*
 * Returns of a monthly cash-flow series cf[0..N], cf[t] received at the end of month t (cf[0] today,
 * usually the outlay). NPV(r) = Σ cf[t] / (1 + r)^t with r a monthly rate.
 */

function requireCashFlows(cashFlowsUsd: readonly number[]): readonly number[] {
  if (!Array.isArray(cashFlowsUsd) || cashFlowsUsd.length < 2) {
    throw new EconomicsInputError('cashFlowsUsd', Code.MISSING, 'must list at least two monthly cash flows (today and one month on)');
  }
  cashFlowsUsd.forEach((value, index) => requireFinite(`cashFlowsUsd[${index}]`, value));
  return cashFlowsUsd;
}

/** Σ cf[t] / (1 + r)^t at a monthly rate r > −1. */
export function netPresentValueUsd(cashFlowsUsd: readonly number[], ratePerMonth: number): number {
  requireCashFlows(cashFlowsUsd);
  requireFinite('ratePerMonth', ratePerMonth);
  if (ratePerMonth <= -1) throw new EconomicsInputError('ratePerMonth', Code.OUT_OF_RANGE, 'must be greater than −1');
  return presentValue(cashFlowsUsd, ratePerMonth);
}

function presentValue(cashFlowsUsd: readonly number[], ratePerMonth: number): number {
  let sum = 0;
  let factor = 1;
  for (const cf of cashFlowsUsd) {
    sum += cf * factor;
    factor /= 1 + ratePerMonth;
  }
  return sum;
}

/** (1 + r_month)^12 − 1. */
export function annualRateFromMonthly(ratePerMonth: number): number {
  requireFinite('ratePerMonth', ratePerMonth);
  return (1 + ratePerMonth) ** MONTHS_PER_YEAR - 1;
}

// Monthly rates scanned for a bracket: −99 %/yr … +100,000 %/yr, geometric in (1 + r).
const IRR_GRID_POINTS = 400;
const IRR_LOWEST_GROWTH_PER_YEAR = 0.01;
const IRR_HIGHEST_GROWTH_PER_YEAR = 1_001;
const IRR_GRID: readonly number[] = Array.from({ length: IRR_GRID_POINTS + 1 }, (_, i) => {
  const logGrowthPerYear = Math.log(IRR_LOWEST_GROWTH_PER_YEAR) + (i / IRR_GRID_POINTS) * (Math.log(IRR_HIGHEST_GROWTH_PER_YEAR) - Math.log(IRR_LOWEST_GROWTH_PER_YEAR));
  return Math.exp(logGrowthPerYear / MONTHS_PER_YEAR) - 1;
});

/**
 * The monthly rate at which NPV = 0, found by bisection on the first bracket of a scan from −99 %/yr
 * to +100,000 %/yr. Null with a reason when NPV never changes sign in that range (all flows one sign,
 * or a return beyond it), or changes sign more than once (several rates solve it; none is "the" IRR).
 */
export function internalRateOfReturnPerMonth(cashFlowsUsd: readonly number[]): Known {
  requireCashFlows(cashFlowsUsd);
  if (!cashFlowsUsd.some((cf) => cf > 0) || !cashFlowsUsd.some((cf) => cf < 0)) {
    return notMeaningful('the cash flows never change sign: no rate makes NPV zero');
  }
  const npv = (rate: number) => presentValue(cashFlowsUsd, rate);
  const brackets = signChangeBrackets(npv, IRR_GRID);
  if (brackets.length === 0) return notMeaningful('NPV does not change sign between −99 %/yr and +100,000 %/yr');
  if (brackets.length > 1) return notMeaningful(`NPV changes sign ${brackets.length} times between −99 %/yr and +100,000 %/yr: several rates of return`);
  const [lo, hi] = brackets[0];
  return known(bisectRoot(npv, lo, hi) as number);
}

/** IRR as an annual ratio, (1 + monthly IRR)^12 − 1; null with the same reasons. */
export function internalRateOfReturnPerYear(cashFlowsUsd: readonly number[]): Known {
  const monthly = internalRateOfReturnPerMonth(cashFlowsUsd);
  return monthly.value === null ? monthly : known(annualRateFromMonthly(monthly.value));
}

/**
 * Months until the cumulative cash flow first reaches 0 from below, interpolated linearly inside
 * the month (flows accrue evenly through it). 0 when nothing is owed; null with a reason when the
 * horizon ends first. Pass discounted flows for a discounted payback.
 */
export function paybackMonths(cashFlowsUsd: readonly number[]): Known {
  requireCashFlows(cashFlowsUsd);
  let cumulative = cashFlowsUsd[0];
  if (cumulative >= 0) return known(0);
  for (let month = 1; month < cashFlowsUsd.length; month += 1) {
    const cf = cashFlowsUsd[month];
    if (cumulative + cf >= 0) return known(month - 1 + -cumulative / cf);
    cumulative += cf;
  }
  return notMeaningful(`not paid back within the ${cashFlowsUsd.length - 1}-month horizon`);
}

/** cf[t] / (1 + r)^t for each t. */
export function discountedCashFlowsUsd(cashFlowsUsd: readonly number[], ratePerMonth: number): number[] {
  netPresentValueUsd(cashFlowsUsd, ratePerMonth);
  return cashFlowsUsd.map((cf, t) => cf / (1 + ratePerMonth) ** t);
}
