import { requireNonNegativeInteger } from '../shared/validate.util';
import { HALVING_INTERVAL_BLOCKS, satsToBtc } from '../shared/units';

const INITIAL_SUBSIDY_SATS = 50 * 100_000_000;

/**
 * Block subsidy at `height` in integer satoshis, as consensus computes it
 * (bitcoin/bitcoin validation.cpp GetBlockSubsidy): 50 BTC right-shifted once per 210,000 blocks.
 * The shift floors, so epoch 32 pays 1 sat and from height 6,930,000 the subsidy is 0.
 */
export function blockSubsidySats(height: number): number {
  requireNonNegativeInteger('height', height);
  const halvings = Math.floor(height / HALVING_INTERVAL_BLOCKS);
  if (halvings >= 64) return 0;
  // 5e9 fits in 33 bits; divide instead of >> so JavaScript's 32-bit shift does not truncate it.
  return Math.floor(INITIAL_SUBSIDY_SATS / 2 ** halvings);
}

export function blockSubsidyBtc(height: number): number {
  return satsToBtc(blockSubsidySats(height));
}

export function halvingsBefore(height: number): number {
  requireNonNegativeInteger('height', height);
  return Math.floor(height / HALVING_INTERVAL_BLOCKS);
}

export function nextHalvingHeight(height: number): number {
  return (halvingsBefore(height) + 1) * HALVING_INTERVAL_BLOCKS;
}
