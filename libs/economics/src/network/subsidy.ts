import { requireNonNegativeInteger } from '../shared/validate.util';
import { HALVING_INTERVAL_BLOCKS, SATS_PER_BTC, satsToBtc } from '../shared/units';

const INITIAL_SUBSIDY_SATS = 50 * SATS_PER_BTC;
/** GetBlockSubsidy returns 0 once `halvings >= 64` (the shift would be undefined behaviour in C++). */
const MAX_HALVINGS = 64;
/** First height with a zero subsidy: epoch 33 (5,000,000,000 >> 33 = 0). */
export const SUBSIDY_ENDS_AT_HEIGHT = 33 * HALVING_INTERVAL_BLOCKS;

/**
 * Block subsidy at `height` in integer satoshis, as consensus computes it
 * (bitcoin/bitcoin validation.cpp GetBlockSubsidy): 50 BTC right-shifted once per 210,000 blocks.
 * The shift floors, so epoch 32 pays 1 sat and from height 6,930,000 the subsidy is 0.
 */
export function blockSubsidySats(height: number): number {
  requireNonNegativeInteger('height', height);
  const halvings = Math.floor(height / HALVING_INTERVAL_BLOCKS);
  if (halvings >= MAX_HALVINGS) return 0;
  // 5e9 fits in 33 bits; divide instead of >> so JavaScript's 32-bit shift does not truncate it.
  return Math.floor(INITIAL_SUBSIDY_SATS / 2 ** halvings);
}

export function blockSubsidyBtc(height: number): number {
  return satsToBtc(blockSubsidySats(height));
}

/** Halvings that have happened at `height` (= the subsidy epoch, 0 for the genesis era). */
export function halvingsBefore(height: number): number {
  requireNonNegativeInteger('height', height);
  return Math.floor(height / HALVING_INTERVAL_BLOCKS);
}

/** First height of subsidy epoch `halvings` (1 → 210,000, 4 → 840,000). */
export function halvingHeight(halvings: number): number {
  requireNonNegativeInteger('halvings', halvings);
  return halvings * HALVING_INTERVAL_BLOCKS;
}

/** The next height at which the subsidy halves, strictly after `height`. */
export function nextHalvingHeight(height: number): number {
  return (halvingsBefore(height) + 1) * HALVING_INTERVAL_BLOCKS;
}

/** Blocks still to be mined after `height` before the next halving height is reached. */
export function blocksToNextHalving(height: number): number {
  return nextHalvingHeight(height) - height;
}

/**
 * Satoshis issued by the blocks at heights 0 … blockCount − 1 (the supply once the block at
 * height blockCount − 1 is mined, counting the unspendable genesis output). Integer throughout:
 * the total, 2,099,999,997,690,000 sat, is below 2^53.
 */
export function cumulativeSubsidySats(blockCount: number): number {
  requireNonNegativeInteger('blockCount', blockCount);
  let total = 0;
  for (let halvings = 0; halvings < MAX_HALVINGS; halvings += 1) {
    const start = halvings * HALVING_INTERVAL_BLOCKS;
    if (start >= blockCount) break;
    const blocks = Math.min(blockCount, start + HALVING_INTERVAL_BLOCKS) - start;
    total += blocks * blockSubsidySats(start);
  }
  return total;
}

/** Every satoshi the subsidy schedule will ever issue: 2,099,999,997,690,000 sat (not 21 M BTC). */
export const MAX_SUBSIDY_SUPPLY_SATS = cumulativeSubsidySats(SUBSIDY_ENDS_AT_HEIGHT);
