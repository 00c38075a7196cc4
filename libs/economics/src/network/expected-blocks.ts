import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_TH, SECONDS_PER_DAY } from '../shared/units';

/** Expected blocks per day for a miner: h · 86,400 / (D · 2^32), h in TH/s. The whole network finds 144. */
export function expectedBlocksPerDay(hashrateThs: number, difficulty: number): number {
  requireNonNegative('hashrateThs', hashrateThs);
  requirePositive('difficulty', difficulty);
  return (hashrateThs * HASHES_PER_TH * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY_UNIT);
}

/** Expected BTC per day for a miner: expected blocks per day × (subsidy + fees per block). Pool fee not deducted. */
export function expectedBtcPerDay(hashrateThs: number, difficulty: number, rewardBtcPerBlock: number): number {
  requireNonNegative('rewardBtcPerBlock', rewardBtcPerBlock);
  return expectedBlocksPerDay(hashrateThs, difficulty) * rewardBtcPerBlock;
}
