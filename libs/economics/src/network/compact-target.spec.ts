import { compactBitsToTarget, DIFFICULTY_1_TARGET, difficultyFromCompactBits } from './compact-target';

describe('compact targets (nBits) and difficulty', () => {
  // data/reference/difficulty-epochs.csv: bits and exact difficulty per epoch (Electrum checkpoints.json @ 9ebabef).
  // Epoch 416 also equals `getblock` for block 840,000: bits 17034219, difficulty 86388558925171.02.
  it.each([
    { epoch: 0, bits: 0x1d00ffff, difficulty: 1 },
    { epoch: 16, bits: 0x1d00d86a, difficulty: 1.1828995343128408 },
    { epoch: 100, bits: 0x1a057e08, difficulty: 3054627.5269486364 },
    { epoch: 200, bits: 0x1806a4c3, difficulty: 165496835118.22635 },
    { epoch: 300, bits: 0x1715b23e, difficulty: 12973235968799.777 },
    { epoch: 342, bits: 0x171398ce, difficulty: 14363025673659.965 },
    { epoch: 400, bits: 0x170532ae, difficulty: 54150142369480.0 },
    { epoch: 416, bits: 0x17034219, difficulty: 86388558925171.02 },
    { epoch: 457, bits: 0x1701cdfb, difficulty: 155973032196071.94 },
    { epoch: 473, bits: 0x170240c3, difficulty: 124932866006548.16 },
  ])('given epoch $epoch bits 0x$bits, when decoded, then the difficulty is $difficulty', ({ bits, difficulty }) => {
    expect(difficultyFromCompactBits(bits) / difficulty - 1).toBeCloseTo(0, 14);
  });

  it('given powLimit 0x1d00ffff, when decoded, then the target is 0xFFFF · 2^208 (chainparams.cpp)', () => {
    expect(compactBitsToTarget(0x1d00ffff)).toBe(DIFFICULTY_1_TARGET);
    expect(DIFFICULTY_1_TARGET).toBe(0xffffn * 2n ** 208n);
  });

  it('given bits 0x17034219, when decoded, then the target is 0x034219 · 256^(0x17 − 3) (hand: SetCompact)', () => {
    expect(compactBitsToTarget(0x17034219)).toBe(0x034219n << (8n * 20n));
  });

  it('given bits with the sign bit set, when decoded, then the error names bits', () => {
    expect(() => compactBitsToTarget(0x1d80ffff)).toThrow('bits: encodes a negative target');
  });
});
