import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HASHES_PER_TH, TARGET_BLOCK_SPACING_SECONDS } from '../shared/units';

/** Expected hashes to find one block at difficulty D: D · 2^32 (industry convention, docs/methodology.md §1.2). */
export function expectedHashesPerBlock(difficulty: number): number {
  requireNonNegative('difficulty', difficulty);
  return difficulty * HASHES_PER_DIFFICULTY_UNIT;
}

/** Network hashrate implied by difficulty at the 600 s target spacing: H = D·2^32/600, in EH/s. */
export function impliedHashrateEhs(difficulty: number): number {
  requirePositive('difficulty', difficulty);
  return (difficulty * HASHES_PER_DIFFICULTY_UNIT) / TARGET_BLOCK_SPACING_SECONDS / HASHES_PER_EH;
}

export interface BlocksFoundInPeriod {
  difficulty: number;
  /** Blocks found in the period (≥ 0). */
  blocksFound: number;
  periodSeconds: number;
}

/**
 * Block-count ("realized") hashrate: H = D · 2^32 · N / Δt. Coin Metrics' daily HashRate is exactly
 * this with Δt = 86,400 s (in TH/s). Not comparable with a 7-day SMA or a D-implied figure.
 */
export function realizedHashrateEhs(period: BlocksFoundInPeriod): number {
  return realizedHashesPerSecond(period) / HASHES_PER_EH;
}

export function realizedHashrateThs(period: BlocksFoundInPeriod): number {
  return realizedHashesPerSecond(period) / HASHES_PER_TH;
}

function realizedHashesPerSecond({ difficulty, blocksFound, periodSeconds }: BlocksFoundInPeriod): number {
  requirePositive('difficulty', difficulty);
  requireNonNegative('blocksFound', blocksFound);
  requirePositive('periodSeconds', periodSeconds);
  return (difficulty * HASHES_PER_DIFFICULTY_UNIT * blocksFound) / periodSeconds;
}

/**
 * Inverse of {@link realizedHashrateThs}: the (block-weighted mean) difficulty behind a Coin
 * Metrics daily row, D = HashRate·1e12·Δt / (2^32 · N).
 */
export function difficultyFromRealizedHashrateThs(hashrateThs: number, blocksFound: number, periodSeconds: number): number {
  requirePositive('hashrateThs', hashrateThs);
  requirePositive('blocksFound', blocksFound);
  requirePositive('periodSeconds', periodSeconds);
  return (hashrateThs * HASHES_PER_TH * periodSeconds) / (HASHES_PER_DIFFICULTY_UNIT * blocksFound);
}
