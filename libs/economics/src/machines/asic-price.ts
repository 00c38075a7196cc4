import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { TH_PER_EH } from '../shared/units';

/*
 * ASIC prices are quoted in $/TH by efficiency class (newer, more efficient machines cost more per
 * TH): e.g. "below 19 J/TH", "19–25 J/TH", "25–38 J/TH". A class covers efficiencies from the
 * previous class's bound (inclusive) up to its own `belowEfficiencyJth` (exclusive); the last class
 * may be open-ended (null).
 */
export interface AsicPriceClass {
  /** Upper bound of the class, exclusive, J/TH; null = no upper bound (only the last class). */
  readonly belowEfficiencyJth: number | null;
  readonly usdPerTh: number;
}

/** Checks the classes are ordered by increasing bound, with at most a final open class. */
export function requireAsicPriceClasses(field: string, classes: readonly AsicPriceClass[]): readonly AsicPriceClass[] {
  if (!Array.isArray(classes) || classes.length === 0) throw new EconomicsInputError(field, Code.MISSING, 'must list at least one efficiency class');
  let previousBound = 0;
  classes.forEach((priceClass, index) => {
    requireNonNegative(`${field}[${index}].usdPerTh`, priceClass.usdPerTh);
    const bound = priceClass.belowEfficiencyJth;
    if (bound === null) {
      if (index !== classes.length - 1) throw new EconomicsInputError(`${field}[${index}].belowEfficiencyJth`, Code.OUT_OF_RANGE, 'may be null (open-ended) only in the last class');
      return;
    }
    requirePositive(`${field}[${index}].belowEfficiencyJth`, bound);
    if (bound <= previousBound) throw new EconomicsInputError(`${field}[${index}].belowEfficiencyJth`, Code.OUT_OF_RANGE, 'must be greater than the previous class bound (classes in increasing J/TH)');
    previousBound = bound;
  });
  return classes;
}

/** $/TH of a machine at `efficiencyJth`: the first class whose bound is above it. */
export function asicPriceUsdPerTh(classes: readonly AsicPriceClass[], efficiencyJth: number): number {
  requireAsicPriceClasses('asicPriceClasses', classes);
  requirePositive('efficiencyJth', efficiencyJth);
  const found = classes.find((priceClass) => priceClass.belowEfficiencyJth === null || efficiencyJth < priceClass.belowEfficiencyJth);
  if (!found) {
    throw new EconomicsInputError('efficiencyJth', Code.OUT_OF_RANGE, `no ASIC price class covers ${efficiencyJth} J/TH (the last class ends below ${classes[classes.length - 1].belowEfficiencyJth} J/TH)`);
  }
  return found.usdPerTh;
}

/** Capex to buy `hashrateEhs` at `usdPerTh`: EH/s × 1,000,000 TH/EH × $/TH. */
export function hashrateCapexUsd(hashrateEhs: number, usdPerTh: number): number {
  requireNonNegative('hashrateEhs', hashrateEhs);
  requireNonNegative('usdPerTh', usdPerTh);
  return hashrateEhs * TH_PER_EH * usdPerTh;
}
