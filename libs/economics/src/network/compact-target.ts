import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireIntegerInRange } from '../shared/validate.util';

/** Mainnet powLimit, compact 0x1d00ffff = 0xFFFF · 2^208: the difficulty-1 target. */
export const DIFFICULTY_1_TARGET = 0xffffn << 208n;

/**
 * Decodes a compact target (nBits, as in block headers and `getblock`'s `bits`, e.g. 0x17034219)
 * to the 256-bit target, like arith_uint256::SetCompact. Negative or overflowing encodings are refused.
 */
export function compactBitsToTarget(bits: number): bigint {
  requireIntegerInRange('bits', bits, 0, 0xffffffff);
  const exponent = bits >>> 24;
  const mantissa = bits & 0x007fffff;
  if (mantissa !== 0 && (bits & 0x00800000) !== 0) {
    throw new EconomicsInputError('bits', Code.OUT_OF_RANGE, 'encodes a negative target (sign bit set)');
  }
  const target = exponent <= 3 ? BigInt(mantissa >>> (8 * (3 - exponent))) : BigInt(mantissa) << BigInt(8 * (exponent - 3));
  if (target >> 256n !== 0n) throw new EconomicsInputError('bits', Code.OUT_OF_RANGE, 'encodes a target above 2^256');
  return target;
}

/**
 * Difficulty of a compact target exactly as Bitcoin Core's GetDifficulty computes it (rpc/blockchain.cpp):
 * 0xffff / mantissa, shifted by factors of 256 to exponent 29, in double precision.
 */
export function difficultyFromCompactBits(bits: number): number {
  compactBitsToTarget(bits);
  let shift = (bits >>> 24) & 0xff;
  const mantissa = bits & 0x00ffffff;
  if (mantissa === 0) throw new EconomicsInputError('bits', Code.OUT_OF_RANGE, 'encodes a zero target');
  let difficulty = 0xffff / mantissa;
  while (shift < 29) {
    difficulty *= 256;
    shift += 1;
  }
  while (shift > 29) {
    difficulty /= 256;
    shift -= 1;
  }
  return difficulty;
}
