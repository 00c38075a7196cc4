import { known, notMeaningful, type Known } from '../shared/known-value.util';
import { requireFinite, requireNonNegative } from '../shared/validate.util';
import { TH_PER_EH } from '../shared/units';

/*
 * What a company actually paid per EH/s it added: capex in the period ÷ the change in its hashrate.
 * Reported capex also pays for sites, deposits on machines not yet delivered and replacements of
 * retired machines, so this reads above the ASIC price: the gap is the point of the measure.
 */

export interface CapexPerEhAdded {
  readonly capexUsdPerEh: Known;
  /** The same in $/TH, comparable with an ASIC price: $/EH ÷ 1,000,000. */
  readonly capexUsdPerTh: Known;
}

/** Null (not meaningful) when hashrate did not grow in the period. */
export function capexPerEhAdded(capexUsd: number, hashrateAddedEhs: number): CapexPerEhAdded {
  requireNonNegative('capexUsd', capexUsd);
  requireFinite('hashrateAddedEhs', hashrateAddedEhs);
  if (hashrateAddedEhs <= 0) {
    const reason = notMeaningful('no hashrate added in the period');
    return { capexUsdPerEh: reason, capexUsdPerTh: reason };
  }
  const perEh = capexUsd / hashrateAddedEhs;
  return { capexUsdPerEh: known(perEh), capexUsdPerTh: known(perEh / TH_PER_EH) };
}
