import { requireAtMostOne, requireFraction, requireNonNegative } from '../shared/validate.util';

/*
 * Three fee conventions meet in the wild (docs/methodology.md §2.2). Each has its own name here so that nobody
 * passes one where another is meant:
 *   feesBtcPerBlock      mean fees per block in BTC (Luxor: mean of the last 144 blocks)
 *   feeShareOfReward     f = fees / (subsidy + fees), 0 ≤ f < 1   (Hashrate Index "Average Fee Percentage per Block")
 *   feeToSubsidyRatio    g = fees / subsidy, g ≥ 0                (ViaBTC / F2Pool "6.25 + 6.25×1.3%", g = 0.013)
 * All are ratios (0.013), never percents (1.3).
 */

/**
 * Reward per block when fees are known in BTC per block (e.g. the mean of the last 144 blocks).
 * Not to be confused with {@link rewardBtcPerBlockFromFeeShare}.
 */
export function rewardBtcPerBlockFromFeesBtcPerBlock(subsidyBtc: number, feesBtcPerBlock: number): number {
  requireNonNegative('subsidyBtc', subsidyBtc);
  requireNonNegative('feesBtcPerBlock', feesBtcPerBlock);
  return subsidyBtc + feesBtcPerBlock;
}

/**
 * Reward per block when the fee share of the TOTAL reward is known, f = fees / (subsidy + fees),
 * as Hashrate Index quotes it: reward = subsidy / (1 − f). A fee share of the subsidy is a different
 * number: see {@link rewardBtcPerBlockFromFeeToSubsidyRatio}.
 */
export function rewardBtcPerBlockFromFeeShare(subsidyBtc: number, feeShareOfReward: number): number {
  requireNonNegative('subsidyBtc', subsidyBtc);
  requireFraction('feeShareOfReward', feeShareOfReward, true);
  return subsidyBtc / (1 - feeShareOfReward);
}

/**
 * Reward per block when fees are quoted relative to the SUBSIDY, g = fees / subsidy, as ViaBTC and
 * F2Pool shutdown-price posts do ("6.25 + 6.25×1.3%" is g = 0.013): reward = subsidy · (1 + g).
 */
export function rewardBtcPerBlockFromFeeToSubsidyRatio(subsidyBtc: number, feeToSubsidyRatio: number): number {
  requireNonNegative('subsidyBtc', subsidyBtc);
  requireNonNegative('feeToSubsidyRatio', feeToSubsidyRatio);
  return subsidyBtc * (1 + feeToSubsidyRatio);
}

/** f = fees / (subsidy + fees); 0 when the reward is 0. */
export function feeShareOfRewardFromFeesBtcPerBlock(subsidyBtc: number, feesBtcPerBlock: number): number {
  const reward = rewardBtcPerBlockFromFeesBtcPerBlock(subsidyBtc, feesBtcPerBlock);
  return reward === 0 ? 0 : feesBtcPerBlock / reward;
}

/** fees = subsidy · f / (1 − f). */
export function feesBtcPerBlockFromFeeShare(subsidyBtc: number, feeShareOfReward: number): number {
  return rewardBtcPerBlockFromFeeShare(subsidyBtc, feeShareOfReward) - subsidyBtc;
}

/** g = f / (1 − f): the ViaBTC number for a Hashrate Index fee share. */
export function feeToSubsidyRatioFromFeeShare(feeShareOfReward: number): number {
  requireFraction('feeShareOfReward', feeShareOfReward, true);
  return feeShareOfReward / (1 - feeShareOfReward);
}

/** f = g / (1 + g): the Hashrate Index number for a ViaBTC fee ratio. */
export function feeShareFromFeeToSubsidyRatio(feeToSubsidyRatio: number): number {
  requireNonNegative('feeToSubsidyRatio', feeToSubsidyRatio);
  return feeToSubsidyRatio / (1 + feeToSubsidyRatio);
}

/** Fees in any one of the three conventions; none given means zero fees. */
export interface FeeInput {
  feesBtcPerBlock?: number;
  feeShareOfReward?: number;
  feeToSubsidyRatio?: number;
}

export interface BlockReward {
  subsidyBtc: number;
  feesBtcPerBlock: number;
  rewardBtcPerBlock: number;
  feeShareOfReward: number;
}

/** Resolves whichever fee convention was given (at most one) to BTC per block. */
export function blockReward(subsidyBtc: number, fees: FeeInput = {}): BlockReward {
  requireNonNegative('subsidyBtc', subsidyBtc);
  const convention = requireAtMostOne({
    feesBtcPerBlock: fees.feesBtcPerBlock,
    feeShareOfReward: fees.feeShareOfReward,
    feeToSubsidyRatio: fees.feeToSubsidyRatio,
  });
  let feesBtcPerBlock: number;
  switch (convention) {
    case 'feeShareOfReward':
      feesBtcPerBlock = feesBtcPerBlockFromFeeShare(subsidyBtc, fees.feeShareOfReward as number);
      break;
    case 'feeToSubsidyRatio':
      feesBtcPerBlock = rewardBtcPerBlockFromFeeToSubsidyRatio(subsidyBtc, fees.feeToSubsidyRatio as number) - subsidyBtc;
      break;
    default:
      feesBtcPerBlock = requireNonNegative('feesBtcPerBlock', fees.feesBtcPerBlock ?? 0);
  }
  const rewardBtcPerBlock = subsidyBtc + feesBtcPerBlock;
  return {
    subsidyBtc,
    feesBtcPerBlock,
    rewardBtcPerBlock,
    feeShareOfReward: rewardBtcPerBlock === 0 ? 0 : feesBtcPerBlock / rewardBtcPerBlock,
  };
}
