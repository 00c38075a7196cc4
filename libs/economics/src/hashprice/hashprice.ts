import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_PH, SECONDS_PER_DAY } from '../shared/units';
import { impliedHashrateEhs } from '../network/hashrate';
import { feeShareOfRewardFromFeesBtcPerBlock, rewardBtcPerBlockFromFeesBtcPerBlock } from './block-reward';

/**
 * BTC earned per PH/s per day (the "hashvalue"): reward · 86,400 · 1e15 / (D · 2^32).
 * Pool fee is not deducted (docs/methodology.md §2.1: the published index values include none).
 */
export function hashpriceBtcPerPhDay(difficulty: number, rewardBtcPerBlock: number): number {
  requirePositive('difficulty', difficulty);
  requireNonNegative('rewardBtcPerBlock', rewardBtcPerBlock);
  return (rewardBtcPerBlock * SECONDS_PER_DAY * HASHES_PER_PH) / (difficulty * HASHES_PER_DIFFICULTY_UNIT);
}

/** USD hashprice [$/PH/s/day] = BTC hashprice · BTC price. */
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
    feeShareOfReward: feeShareOfRewardFromFeesBtcPerBlock(input.subsidyBtc, input.feesBtcPerBlock),
    hashpriceBtcPerPhDay: btcPerPhDay,
    hashpriceUsdPerPhDay: hashpriceUsdPerPhDay(btcPerPhDay, input.btcPriceUsd),
  };
}
