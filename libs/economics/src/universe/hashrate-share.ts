import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireNonNegative, requirePositive } from '../shared/validate.util';

/*
 * A miner's share of the network: its EH/s ÷ the network's mean EH/s over the same quarter. The mean
 * of daily samples, not the quarter-end figure, because company hashrate is reported as an average
 * (or a period-end figure that the caller should average the same way).
 */

/** Arithmetic mean of network hashrate samples (e.g. one a day over the quarter), EH/s. */
export function meanNetworkHashrateEhs(networkHashrateEhsSamples: readonly number[]): number {
  if (!Array.isArray(networkHashrateEhsSamples) || networkHashrateEhsSamples.length === 0) {
    throw new EconomicsInputError('networkHashrateEhsSamples', Code.MISSING, 'must list at least one network hashrate sample');
  }
  let sum = 0;
  networkHashrateEhsSamples.forEach((value, index) => {
    sum += requirePositive(`networkHashrateEhsSamples[${index}]`, value);
  });
  return sum / networkHashrateEhsSamples.length;
}

/** company EH/s ÷ network EH/s, a ratio (0.04 = 4 %). */
export function hashrateShareRatio(companyHashrateEhs: number, networkHashrateEhs: number): number {
  requireNonNegative('companyHashrateEhs', companyHashrateEhs);
  requirePositive('networkHashrateEhs', networkHashrateEhs);
  if (companyHashrateEhs > networkHashrateEhs) {
    throw new EconomicsInputError('companyHashrateEhs', Code.OUT_OF_RANGE, 'must not exceed the network hashrate (check the units: EH/s both)');
  }
  return companyHashrateEhs / networkHashrateEhs;
}

export interface HashrateShareChange {
  /** s_now − s_before, in share ratio (0.002 = 0.2 percentage points). */
  readonly changeRatio: number;
  /** s_now / s_before − 1; null when the earlier share was 0. */
  readonly relativeChange: number | null;
}

/** The change of a share from one quarter to the next. */
export function hashrateShareChange(shareRatio: number, previousShareRatio: number): HashrateShareChange {
  requireNonNegative('shareRatio', shareRatio);
  requireNonNegative('previousShareRatio', previousShareRatio);
  return {
    changeRatio: shareRatio - previousShareRatio,
    relativeChange: previousShareRatio === 0 ? null : shareRatio / previousShareRatio - 1,
  };
}
