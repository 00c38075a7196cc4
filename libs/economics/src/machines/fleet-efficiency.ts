import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireNonNegative, requirePositive } from '../shared/validate.util';

export interface FleetMachineGroup {
  hashrateThs: number;
  powerW: number;
  /** Number of machines of this kind, default 1. */
  count?: number;
}

export interface FleetTotals {
  hashrateThs: number;
  powerW: number;
  /** Σ P / Σ h: power-weighted, NOT the mean of the models' J/TH. */
  efficiencyJth: number;
}

/** Totals of a mixed fleet; efficiency is power-weighted, Σ P_i / Σ h_i (docs/methodology.md §3.2). */
export function fleetTotals(groups: readonly FleetMachineGroup[]): FleetTotals {
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new EconomicsInputError('groups', Code.MISSING, 'must list at least one machine group');
  }
  let hashrateThs = 0;
  let powerW = 0;
  groups.forEach((group, index) => {
    const count = requireNonNegative(`groups[${index}].count`, group.count ?? 1);
    hashrateThs += requirePositive(`groups[${index}].hashrateThs`, group.hashrateThs) * count;
    powerW += requireNonNegative(`groups[${index}].powerW`, group.powerW) * count;
  });
  if (hashrateThs === 0) throw new EconomicsInputError('groups', Code.NOT_POSITIVE, 'must have a total hashrate above 0 (all counts are 0)');
  return { hashrateThs, powerW, efficiencyJth: powerW / hashrateThs };
}

/** Power-weighted fleet efficiency, J/TH. */
export function fleetEfficiencyJth(groups: readonly FleetMachineGroup[]): number {
  return fleetTotals(groups).efficiencyJth;
}
