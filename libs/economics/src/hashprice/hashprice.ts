import { requireFraction, requireNonNegative, requirePositive } from '../shared/validate.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HASHES_PER_PH, SECONDS_PER_DAY, TARGET_BLOCK_SPACING_SECONDS } from '../shared/units';

/** Network hashrate implied by difficulty at the 600 s target spacing: H = D·2^32/600. */
export function impliedHashrateEhs(difficulty: number): number {
  requirePositive('difficulty', difficulty);
  return (difficulty * HASHES_PER_DIFFICULTY_UNIT) / TARGET_BLOCK_SPACING_SECONDS / HASHES_PER_EH;
}

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
 * as Hashrate Index quotes it: reward = subsidy / (1 − f). A fee share of the subsidy is a different number.
 */
export function rewardBtcPerBlockFromFeeShare(subsidyBtc: number, feeShareOfReward: number): number {
  requireNonNegative('subsidyBtc', subsidyBtc);
  requireFraction('feeShareOfReward', feeShareOfReward, true);
  return subsidyBtc / (1 - feeShareOfReward);
}

/** BTC earned per PH/s per day: reward · 86,400 · 1e15 / (D · 2^32). Pool fee is not deducted. */
export function hashpriceBtcPerPhDay(difficulty: number, rewardBtcPerBlock: number): number {
  requirePositive('difficulty', difficulty);
  requireNonNegative('rewardBtcPerBlock', rewardBtcPerBlock);
  return (rewardBtcPerBlock * SECONDS_PER_DAY * HASHES_PER_PH) / (difficulty * HASHES_PER_DIFFICULTY_UNIT);
}

export function hashpriceUsdPerPhDay(hashpriceBtcPerPhDayValue: number, btcPriceUsd: number): number {
  requireNonNegative('hashpriceBtcPerPhDay', hashpriceBtcPerPhDayValue);
  requirePositive('btcPriceUsd', btcPriceUsd);
  return hashpriceBtcPerPhDayValue * btcPriceUsd;
}

export interface NetworkHashpriceInput {
  difficulty: number;
  subsidyBtc: number;
  feesBtcPerBlock: number;
  btcPriceUsd: number;
}

export interface NetworkHashprice {
  hashrateEhs: number;
  rewardBtcPerBlock: number;
  /** fees / (subsidy + fees), a ratio 0..1 */
  feeShareOfReward: number;
  hashpriceBtcPerPhDay: number;
  hashpriceUsdPerPhDay: number;
}

/** The network figures valuation publishes for every (difficulty, subsidy, fees, price) state. */
export function networkHashprice(input: NetworkHashpriceInput): NetworkHashprice {
  const rewardBtcPerBlock = rewardBtcPerBlockFromFeesBtcPerBlock(input.subsidyBtc, input.feesBtcPerBlock);
  const btcPerPhDay = hashpriceBtcPerPhDay(input.difficulty, rewardBtcPerBlock);
  return {
    hashrateEhs: impliedHashrateEhs(input.difficulty),
    rewardBtcPerBlock,
    feeShareOfReward: rewardBtcPerBlock === 0 ? 0 : input.feesBtcPerBlock / rewardBtcPerBlock,
    hashpriceBtcPerPhDay: btcPerPhDay,
    hashpriceUsdPerPhDay: hashpriceUsdPerPhDay(btcPerPhDay, input.btcPriceUsd),
  };
}
