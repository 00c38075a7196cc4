import { requireFraction, requireNonNegative, requirePositive } from '../shared/validate.util';
import { listAsicModels } from './asic-catalog';
import type { AsicModelSpec } from './asic-model';
import { breakevenPowerUsdPerKwh, efficiencyJth } from './machine-economics';

/*
 * The network's marginal machine: the least efficient catalog ASIC that still breaks even (power
 * cost ≤ revenue) at the given hashprice and power price. Machines worse than it are switched off,
 * so it marks the efficiency a fleet has to beat to keep running when hashprice falls.
 * Efficiency is P / h from the nameplate, as the fleet totals compute it.
 */

export interface MarginalMachineInput {
  readonly hashpriceUsdPerPhDay: number;
  /** A network-typical power price, not one company's. */
  readonly powerUsdPerKwh: number;
  /** Default 0. */
  readonly poolFee?: number;
  /** Default: the whole ASIC catalog. */
  readonly models?: readonly AsicModelSpec[];
}

export interface MarginalMachine {
  readonly model: string;
  readonly efficiencyJth: number;
  /** The power price at which it stops making money, $/kWh (≥ the input power price). */
  readonly breakevenPowerUsdPerKwh: number;
}

/** Null when no model breaks even (every machine in the list loses money). Ties: catalog order. */
export function marginalMachine(input: MarginalMachineInput): MarginalMachine | null {
  const hashprice = requireNonNegative('hashpriceUsdPerPhDay', input.hashpriceUsdPerPhDay);
  const power = requireNonNegative('powerUsdPerKwh', input.powerUsdPerKwh);
  const poolFee = requireFraction('poolFee', input.poolFee ?? 0, true);
  let marginal: MarginalMachine | null = null;
  for (const spec of input.models ?? listAsicModels()) {
    const efficiency = efficiencyJth(spec.powerW, spec.hashrateThs);
    const breakeven = breakevenPowerUsdPerKwh(hashprice, efficiency, poolFee);
    if (breakeven >= power && (marginal === null || efficiency > marginal.efficiencyJth)) {
      marginal = { model: spec.model, efficiencyJth: efficiency, breakevenPowerUsdPerKwh: breakeven };
    }
  }
  return marginal;
}

export interface EfficiencyVersusMarginal {
  /** fleet J/TH ÷ marginal J/TH: below 1 is better than the marginal machine. */
  readonly efficiencyRatio: number;
  /** marginal J/TH − fleet J/TH: how many J/TH of headroom the fleet has. */
  readonly efficiencyHeadroomJth: number;
}

export function efficiencyVersusMarginal(fleetEfficiencyJth: number, marginalEfficiencyJth: number): EfficiencyVersusMarginal {
  requirePositive('fleetEfficiencyJth', fleetEfficiencyJth);
  requirePositive('marginalEfficiencyJth', marginalEfficiencyJth);
  return { efficiencyRatio: fleetEfficiencyJth / marginalEfficiencyJth, efficiencyHeadroomJth: marginalEfficiencyJth - fleetEfficiencyJth };
}
