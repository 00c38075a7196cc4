import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requireIntegerInRange, requirePositive } from '../shared/validate.util';
import { RETARGET_INTERVAL_BLOCKS, RETARGET_MAX_FACTOR, RETARGET_TIMESPAN_SECONDS, TARGET_BLOCK_SPACING_SECONDS } from '../shared/units';

export interface Retarget {
  nextDifficulty: number;
  /** (next / current − 1) · 100, a percent. */
  changePct: number;
  /** True when the timespan hit the ×4 / ÷4 bound. */
  clamped: boolean;
  /** The timespan consensus actually used: clamp(actual, 302,400, 4,838,400) s. */
  clampedTimespanSeconds: number;
}

/** Percent change between two difficulties, (next / previous − 1) · 100. */
export function difficultyChangePct(previousDifficulty: number, nextDifficulty: number): number {
  requirePositive('previousDifficulty', previousDifficulty);
  requirePositive('nextDifficulty', nextDifficulty);
  return (nextDifficulty / previousDifficulty - 1) * 100;
}

/**
 * The retarget of bitcoin/bitcoin pow.cpp CalculateNextWorkRequired, in difficulty terms:
 * D_new = D_old · 1,209,600 / clamp(timespan, 1,209,600/4, 1,209,600·4), never below difficulty 1
 * (the powLimit target). `timespanSeconds` is time(last block) − time(first block) of the 2016-block
 * period, which spans only 2015 intervals (the known off-by-one); it can be negative, since header
 * timestamps need not increase, and is then clamped like any short span. Float arithmetic: consensus works
 * on 256-bit targets and compact encoding, which differ from this by < 1e-7 relative.
 */
export function retargetDifficulty(difficulty: number, timespanSeconds: number): Retarget {
  requirePositive('difficulty', difficulty);
  requireFinite('timespanSeconds', timespanSeconds);
  const minTimespan = RETARGET_TIMESPAN_SECONDS / RETARGET_MAX_FACTOR;
  const maxTimespan = RETARGET_TIMESPAN_SECONDS * RETARGET_MAX_FACTOR;
  const clampedTimespanSeconds = Math.min(maxTimespan, Math.max(minTimespan, timespanSeconds));
  const nextDifficulty = Math.max(1, (difficulty * RETARGET_TIMESPAN_SECONDS) / clampedTimespanSeconds);
  return {
    nextDifficulty,
    changePct: difficultyChangePct(difficulty, nextDifficulty),
    clamped: clampedTimespanSeconds !== timespanSeconds,
    clampedTimespanSeconds,
  };
}

export interface EpochProgress {
  difficulty: number;
  /** Blocks of the current 2016-block epoch found so far, counting its first block (2 … 2016). */
  blocksFoundInEpoch: number;
  /** Timestamp of the latest block minus that of the epoch's first block, in seconds. */
  secondsSinceEpochFirstBlock: number;
}

export interface RetargetProjection extends Retarget {
  /** Mean seconds per block so far in the epoch. */
  meanBlockIntervalSeconds: number;
  blocksRemaining: number;
  /** The timespan consensus will measure if the pace holds: mean interval × 2015. */
  projectedTimespanSeconds: number;
  /** Seconds until the retarget block, at the same pace. */
  secondsToRetarget: number;
  /**
   * The estimate mempool.space and Hashrate Index display: (600 / mean interval − 1) · 100, clamped
   * to −75 … +300. It ignores the 2015-interval off-by-one, so it reads ≈ 0.05 points below `changePct`.
   */
  conventionalEstimateChangePct: number;
}

/**
 * Projects the next adjustment from the blocks found so far in the epoch, assuming the pace holds.
 * Measured like consensus (first to last block, 2015 intervals), so a 600 s pace gives +0.05 %,
 * not 0 %: mempool.space-style estimates that use 2016 intervals differ by that much.
 */
export function projectRetarget(progress: EpochProgress): RetargetProjection {
  requirePositive('difficulty', progress.difficulty);
  requireIntegerInRange('blocksFoundInEpoch', progress.blocksFoundInEpoch, 2, RETARGET_INTERVAL_BLOCKS);
  requirePositive('secondsSinceEpochFirstBlock', progress.secondsSinceEpochFirstBlock);
  const intervalsSoFar = progress.blocksFoundInEpoch - 1;
  const meanBlockIntervalSeconds = progress.secondsSinceEpochFirstBlock / intervalsSoFar;
  const intervalsPerEpoch = RETARGET_INTERVAL_BLOCKS - 1;
  const projectedTimespanSeconds = meanBlockIntervalSeconds * intervalsPerEpoch;
  const blocksRemaining = RETARGET_INTERVAL_BLOCKS - progress.blocksFoundInEpoch;
  if (!Number.isFinite(projectedTimespanSeconds)) {
    throw new EconomicsInputError('secondsSinceEpochFirstBlock', Code.OUT_OF_RANGE, 'is too large');
  }
  const conventionalRatio = Math.min(RETARGET_MAX_FACTOR, Math.max(1 / RETARGET_MAX_FACTOR, TARGET_BLOCK_SPACING_SECONDS / meanBlockIntervalSeconds));
  // Explicit fields rather than `...retarget`: V8 turned the spread into a slow path here (60× slower).
  const retarget = retargetDifficulty(progress.difficulty, projectedTimespanSeconds);
  return {
    nextDifficulty: retarget.nextDifficulty,
    changePct: retarget.changePct,
    clamped: retarget.clamped,
    clampedTimespanSeconds: retarget.clampedTimespanSeconds,
    conventionalEstimateChangePct: (conventionalRatio - 1) * 100,
    meanBlockIntervalSeconds,
    blocksRemaining,
    projectedTimespanSeconds,
    // The retarget applies from the first block of the next epoch: one interval after the last block.
    secondsToRetarget: (blocksRemaining + 1) * meanBlockIntervalSeconds,
  };
}

/** First height of the next retarget period after `height` (a multiple of 2016). */
export function nextRetargetHeight(height: number): number {
  requireIntegerInRange('height', height, 0, Number.MAX_SAFE_INTEGER);
  return (Math.floor(height / RETARGET_INTERVAL_BLOCKS) + 1) * RETARGET_INTERVAL_BLOCKS;
}
