import { EconomicsInputError, EconomicsInputErrorCode } from '../shared/economics-input.error';
import { expectedBlocksPerDay, expectedBtcPerDay } from './expected-blocks';
import { difficultyFromRealizedHashrateThs, impliedHashrateEhs, realizedHashrateEhs, realizedHashrateThs } from './hashrate';

describe('difficulty-implied hashrate, H = D · 2^32 / 600 (docs/methodology.md §1.2)', () => {
  it('given D = 155.973e12, when implied, then the network runs 1,116.5 EH/s (docs/methodology.md §1.2)', () => {
    expect(impliedHashrateEhs(155.973e12)).toBeCloseTo(1116.5, 1);
  });

  it('given difficulty 1, when implied, then it is 2^32/600 H/s = 7.158e6 H/s (hand calculation)', () => {
    expect(impliedHashrateEhs(1) * 1e18).toBeCloseTo(7_158_278.83, 1);
  });

  it.each([-1, 0, Number.POSITIVE_INFINITY])('given difficulty %p, when implied, then the error names difficulty', (difficulty) => {
    expect(() => impliedHashrateEhs(difficulty)).toThrow(EconomicsInputError);
    expect(() => impliedHashrateEhs(difficulty)).toThrow(/^difficulty: /);
  });

  it('given a negative difficulty, when implied, then the error code is NOT_POSITIVE', () => {
    try {
      impliedHashrateEhs(-5);
      throw new Error('no error');
    } catch (error) {
      expect((error as EconomicsInputError).field).toBe('difficulty');
      expect((error as EconomicsInputError).code).toBe(EconomicsInputErrorCode.NOT_POSITIVE);
    }
  });
});

describe('block-count ("realized") hashrate, H = D · 2^32 · N / Δt (docs/methodology.md §1.2, Coin Metrics HashRate)', () => {
  it('given 2009-01-16 (D = 1, 108 blocks in a day), when realized, then it is 5.3687e-6 TH/s as in the CM file', () => {
    expect(realizedHashrateThs({ difficulty: 1, blocksFound: 108, periodSeconds: 86_400 })).toBeCloseTo(5.3687e-6, 9);
  });

  it('given exactly 144 blocks in a day, when realized, then it equals the difficulty-implied hashrate (hand: 144/86,400 = 1/600)', () => {
    const d = 152_271_405_447_597.38;
    expect(realizedHashrateEhs({ difficulty: d, blocksFound: 144, periodSeconds: 86_400 })).toBeCloseTo(impliedHashrateEhs(d), 9);
  });

  // data/reference/network-daily.csv rows (Coin Metrics, CC BY-NC 4.0) against data/reference/difficulty-epochs.csv
  // (Electrum checkpoints), hashrate_ths to double precision: on non-retarget days D = HashRate·1e12·86400/(2^32·BlkCnt) equals the epoch difficulty to 1e-7.
  it.each([
    { date: '2024-04-01', hashrateThs: 619_839_819.6746066, blocks: 150, epoch: 415, difficulty: 83_126_997_340_024.61 },
    { date: '2025-11-03', hashrateThs: 1_100_991_529.6887505, blocks: 142, epoch: 457, difficulty: 155_973_032_196_071.94 },
    { date: '2025-12-14', hashrateThs: 942_954_068.4977604, blocks: 128, epoch: 460, difficulty: 148_195_306_640_204.72 },
  ])('given the CM row of $date, when the difficulty is recovered, then it is epoch $epoch difficulty $difficulty', ({ hashrateThs, blocks, difficulty }) => {
    const recovered = difficultyFromRealizedHashrateThs(hashrateThs, blocks, 86_400);
    expect(Math.abs(recovered / difficulty - 1)).toBeLessThan(1e-7);
  });
});

describe('expected blocks and BTC per day', () => {
  it('given the whole network hashrate, when expected blocks are computed, then there are 144 per day (86,400 / 600)', () => {
    const d = 155.973e12;
    expect(expectedBlocksPerDay(impliedHashrateEhs(d) * 1e6, d)).toBeCloseTo(144, 9);
  });

  it('given an S19 (95 TH/s) at D = 17.62T and 6.25 + 6.25×1.3 % per block, when expected BTC is computed, then it is 0.00068685 BTC/day (ViaBTC shutdown-price post, Aug 2021)', () => {
    const btc = expectedBtcPerDay(95, 17.62e12, 6.25 * 1.013);
    expect(Math.abs(btc / 0.00068685 - 1)).toBeLessThan(5e-4); // ViaBTC rounds intermediate values
  });

  it('given a negative hashrate, when expected blocks are computed, then the error names hashrateThs', () => {
    expect(() => expectedBlocksPerDay(-1, 1e12)).toThrow('hashrateThs: must be 0 or more');
  });
});
