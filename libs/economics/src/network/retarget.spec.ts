import fc from 'fast-check';
import { difficultyChangePct, nextRetargetHeight, projectRetarget, retargetDifficulty } from './retarget';

// Epoch difficulties: data/reference/difficulty-epochs.csv (Electrum checkpoints.json, exact targets).
const D_EPOCH_341 = 19_932_791_027_262.742; // from 2021-06-13
const D_EPOCH_342 = 14_363_025_673_659.965; // from 2021-07-03
const D_EPOCH_457 = 155_973_032_196_071.94;
const D_EPOCH_458 = 152_271_405_447_597.38;
const D_EPOCH_459 = 149_301_205_959_699.9;

describe('difficulty retarget (bitcoin/bitcoin src/pow.cpp CalculateNextWorkRequired; docs/methodology.md §1.4)', () => {
  it.each([
    { timespan: 1_209_600, factor: 1, clamped: false, note: 'on schedule: unchanged' },
    { timespan: 604_800, factor: 2, clamped: false, note: 'one week: doubles' },
    { timespan: 2_419_200, factor: 0.5, clamped: false, note: 'four weeks: halves' },
    { timespan: 302_400, factor: 4, clamped: false, note: 'exactly the ×4 bound' },
    { timespan: 100_000, factor: 4, clamped: true, note: 'faster than ¼: clamped to ×4' },
    { timespan: 4_838_400, factor: 0.25, clamped: false, note: 'exactly the ÷4 bound' },
    { timespan: 10_000_000, factor: 0.25, clamped: true, note: 'slower than ×4: clamped to ÷4' },
  ])('given D = 1e14 and a timespan of $timespan s ($note), when retargeted, then D × $factor, clamped $clamped', ({ timespan, factor, clamped }) => {
    const result = retargetDifficulty(1e14, timespan);
    expect(result.nextDifficulty).toBeCloseTo(1e14 * factor, 0);
    expect(result.changePct).toBeCloseTo((factor - 1) * 100, 9);
    expect(result.clamped).toBe(clamped);
  });

  it('given difficulty 1 and a slow period, when retargeted, then it stays 1 (new target capped at powLimit)', () => {
    expect(retargetDifficulty(1, 4_838_400).nextDifficulty).toBe(1);
  });

  it('given any difficulty and timespan, when retargeted, then the move stays within ×4 and ÷4 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e3, max: 1e16, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), (difficulty, timespan) => {
        const { nextDifficulty } = retargetDifficulty(difficulty, timespan);
        return nextDifficulty <= difficulty * 4 * (1 + 1e-12) && nextDifficulty >= (difficulty / 4) * (1 - 1e-12);
      }),
    );
  });

  it('given the 2021-07-03 retarget 19.93 T → 14.3630 T, when the change is computed, then it is −27.94 % (data/reference/README.md §2; Hashrate Index "July 3\'s historic 28% downward adjustment")', () => {
    expect(difficultyChangePct(D_EPOCH_341, D_EPOCH_342)).toBeCloseTo(-27.9427, 4);
  });

  it('given epoch 341 ran from 2021-06-13 to 2021-07-03 by CM dates (20 ± 1 days), when retargeted, then 19 and 21 days bracket the published 14.3630 T', () => {
    const fast = retargetDifficulty(D_EPOCH_341, 19 * 86_400).nextDifficulty;
    const slow = retargetDifficulty(D_EPOCH_341, 21 * 86_400).nextDifficulty;
    expect(slow).toBeLessThan(D_EPOCH_342);
    expect(fast).toBeGreaterThan(D_EPOCH_342);
  });

  it.each([
    { from: D_EPOCH_457, to: D_EPOCH_458, pct: -2.373, date: '2025-11-12' },
    { from: D_EPOCH_458, to: D_EPOCH_459, pct: -1.951, date: '2025-11-26' },
  ])('given the $date retarget, when the change is computed, then it is $pct % (data/reference/README.md §2)', ({ from, to, pct }) => {
    expect(difficultyChangePct(from, to)).toBeCloseTo(pct, 3);
  });

  it('given a negative timespan (header timestamps need not increase), when retargeted, then consensus clamps it to ×4', () => {
    expect(retargetDifficulty(1e12, -3600)).toMatchObject({ nextDifficulty: 4e12, clamped: true, clampedTimespanSeconds: 302_400 });
  });

  it('given a timespan that is not a number, when retargeted, then the error names timespanSeconds', () => {
    expect(() => retargetDifficulty(1e12, Number.NaN)).toThrow('timespanSeconds: must be a finite number');
  });

  it('given a negative difficulty, when retargeted, then the error names difficulty', () => {
    expect(() => retargetDifficulty(-1, 1_209_600)).toThrow('difficulty: must be greater than 0');
  });
});

describe('projection of the next adjustment from the blocks found so far', () => {
  it('given half an epoch at exactly 600 s per block, when projected, then consensus moves +0.0496 % (2015 intervals; hand: 1,209,600 / 1,209,000) while the conventional estimate says 0', () => {
    const projection = projectRetarget({ difficulty: 1e14, blocksFoundInEpoch: 1008, secondsSinceEpochFirstBlock: 1007 * 600 });
    expect(projection.meanBlockIntervalSeconds).toBe(600);
    expect(projection.projectedTimespanSeconds).toBe(1_209_000);
    expect(projection.changePct).toBeCloseTo((1_209_600 / 1_209_000 - 1) * 100, 9);
    expect(projection.conventionalEstimateChangePct).toBe(0);
    expect(projection.blocksRemaining).toBe(1008);
  });

  it('given 1,125 blocks at "9 minutes 58 seconds" average, when projected, then the conventional estimate brackets Hashrate Index\'s "Est. Difficulty Adjustment 0.29 %" (data.hashrateindex.com, 2024-11-12)', () => {
    // 9:58 is rounded to the second: the true mean lies in [597.5, 598.5) s.
    const estimate = (meanSeconds: number) =>
      projectRetarget({ difficulty: 101_646_843_652_785.17, blocksFoundInEpoch: 1125, secondsSinceEpochFirstBlock: 1124 * meanSeconds })
        .conventionalEstimateChangePct;
    expect(estimate(598.5)).toBeLessThan(0.29);
    expect(estimate(597.5)).toBeGreaterThan(0.29);
  });

  it('given a complete epoch, when projected, then it equals the retarget of the measured timespan', () => {
    const projection = projectRetarget({ difficulty: D_EPOCH_341, blocksFoundInEpoch: 2016, secondsSinceEpochFirstBlock: 1_700_000 });
    expect(projection.nextDifficulty).toBeCloseTo(retargetDifficulty(D_EPOCH_341, 1_700_000).nextDifficulty, 3);
    expect(projection.blocksRemaining).toBe(0);
  });

  it.each([
    { blocks: 1, rule: 'must be between 2 and 2016' },
    { blocks: 2017, rule: 'must be between 2 and 2016' },
    { blocks: 10.5, rule: 'must be a whole number' },
  ])('given $blocks blocks found, when projected, then the error names blocksFoundInEpoch ($rule)', ({ blocks, rule }) => {
    expect(() => projectRetarget({ difficulty: 1e12, blocksFoundInEpoch: blocks, secondsSinceEpochFirstBlock: 6000 })).toThrow(
      `blocksFoundInEpoch: ${rule}`,
    );
  });

  it('given height 870,020 (epoch 431 from 868,896), when asked for the next retarget height, then it is 870,912 (difficulty-epochs.csv)', () => {
    expect(nextRetargetHeight(870_020)).toBe(870_912);
    expect(nextRetargetHeight(870_911)).toBe(870_912);
    expect(nextRetargetHeight(870_912)).toBe(872_928);
  });
});
