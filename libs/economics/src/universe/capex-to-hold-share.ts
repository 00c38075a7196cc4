import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireAtMostOne, requireFraction, requireIntegerInRange, requireNonNegative, requirePositive } from '../shared/validate.util';
import { annualGrowthFactor, requireRatePerYear } from '../valuation/discounting.util';
import { hashrateCapexUsd } from '../machines/asic-price';

/*
 * What it costs to keep a hashrate share while the network grows. At the 600 s target spacing network
 * hashrate is proportional to difficulty (H = D · 2^32 / 600), so the difficulty path's growth factor
 * over the horizon is the network's:
 *   network_h   = network_0 · g_h                 g_h = (1 + g)^(h/12)  or  D_h / D_0 from a path
 *   required_h  = share · network_h
 *   to add      = max(0, required_h − (company_0 − retiring))
 *   capex       = to add · 1,000,000 TH/EH · $/TH
 * A shrinking network needs nothing added (never negative capex: machines are not sold back here).
 */

export interface CapexToHoldShareInput {
  readonly companyHashrateEhs: number;
  /** The share to hold, usually the current quarter's. */
  readonly shareRatio: number;
  /** Network hashrate now (the quarter's mean, for a share measured against it), EH/s. */
  readonly networkHashrateEhs: number;
  /** Give one of the two: a growth ratio per year, or difficulty by month from now (index 0) to at least the horizon. */
  readonly difficultyGrowthRatioPerYear?: number;
  readonly difficultyByMonth?: readonly number[];
  /** Price of the machines bought, $/TH (from the ASIC price class of their efficiency). */
  readonly asicPriceUsdPerTh: number;
  /** Company hashrate that will retire within the horizon and must be replaced too, EH/s. Default 0. */
  readonly retiringHashrateEhs?: number;
  /** Default 12. */
  readonly horizonMonths?: number;
}

export interface CapexToHoldShare {
  readonly networkGrowthFactor: number;
  readonly networkHashrateEhsAtHorizon: number;
  readonly requiredHashrateEhs: number;
  readonly hashrateToAddEhs: number;
  readonly capexUsd: number;
}

export function capexToHoldShare(input: CapexToHoldShareInput): CapexToHoldShare {
  const company = requireNonNegative('companyHashrateEhs', input.companyHashrateEhs);
  const share = requireFraction('shareRatio', input.shareRatio);
  const network = requirePositive('networkHashrateEhs', input.networkHashrateEhs);
  const price = requireNonNegative('asicPriceUsdPerTh', input.asicPriceUsdPerTh);
  const retiring = requireNonNegative('retiringHashrateEhs', input.retiringHashrateEhs ?? 0);
  if (retiring > company) throw new EconomicsInputError('retiringHashrateEhs', Code.OUT_OF_RANGE, 'must not exceed companyHashrateEhs');
  const horizonMonths = requireIntegerInRange('horizonMonths', input.horizonMonths ?? 12, 1, 120);
  const networkGrowthFactor = growthFactor(input, horizonMonths);
  const networkHashrateEhsAtHorizon = network * networkGrowthFactor;
  const requiredHashrateEhs = share * networkHashrateEhsAtHorizon;
  const hashrateToAddEhs = Math.max(0, requiredHashrateEhs - (company - retiring));
  return { networkGrowthFactor, networkHashrateEhsAtHorizon, requiredHashrateEhs, hashrateToAddEhs, capexUsd: hashrateCapexUsd(hashrateToAddEhs, price) };
}

function growthFactor(input: CapexToHoldShareInput, horizonMonths: number): number {
  const given = requireAtMostOne({ difficultyGrowthRatioPerYear: input.difficultyGrowthRatioPerYear, difficultyByMonth: input.difficultyByMonth });
  if (given === undefined) throw new EconomicsInputError('difficultyGrowthRatioPerYear', Code.MISSING, 'is required (or give difficultyByMonth)');
  if (given === 'difficultyGrowthRatioPerYear') {
    return annualGrowthFactor(requireRatePerYear('difficultyGrowthRatioPerYear', input.difficultyGrowthRatioPerYear as number), horizonMonths);
  }
  const path = input.difficultyByMonth as readonly number[];
  if (!Array.isArray(path) || path.length < horizonMonths + 1) {
    throw new EconomicsInputError('difficultyByMonth', Code.OUT_OF_RANGE, `must list difficulty from now (index 0) to the horizon (index ${horizonMonths})`);
  }
  return requirePositive(`difficultyByMonth[${horizonMonths}]`, path[horizonMonths]) / requirePositive('difficultyByMonth[0]', path[0]);
}
