import { EconomicsInputError } from '../shared/economics-input.error';
import {
  blocksToNextHalving,
  blockSubsidyBtc,
  blockSubsidySats,
  cumulativeSubsidySats,
  halvingHeight,
  halvingsBefore,
  MAX_SUBSIDY_SUPPLY_SATS,
  nextHalvingHeight,
  SUBSIDY_ENDS_AT_HEIGHT,
} from './subsidy';

describe('block subsidy (consensus GetBlockSubsidy, bitcoin/bitcoin src/validation.cpp; docs/methodology.md §1.3)', () => {
  // Epoch table of docs/methodology.md §1.3 (chainparams.cpp; bravenewcoin halving page; Luxor glossary for 6,930,000).
  it.each([
    { height: 0, btc: 50, source: 'genesis, chainparams.cpp' },
    { height: 209_999, btc: 50, source: 'last block of epoch 0' },
    { height: 210_000, btc: 25, source: 'first halving 2012-11-28' },
    { height: 420_000, btc: 12.5, source: 'second halving 2016-07-09' },
    { height: 630_000, btc: 6.25, source: 'third halving 2020-05-11' },
    { height: 839_999, btc: 6.25, source: 'CM network-daily: 6.25 until 839,999' },
    { height: 840_000, btc: 3.125, source: 'fourth halving 2024-04-20, CM row 130 × 3.125' },
    { height: 1_050_000, btc: 1.5625, source: 'fifth halving, docs/methodology.md §1.3 table' },
    { height: 6_720_000, btc: 0.00000001, source: 'epoch 32 pays 1 sat' },
    { height: 6_929_999, btc: 0.00000001, source: 'last subsidised block' },
    { height: 6_930_000, btc: 0, source: 'Luxor glossary: "until block 6,930,000 … becomes zero"' },
    { height: 13_440_000, btc: 0, source: 'halvings ≥ 64 → 0 in GetBlockSubsidy' },
  ])('given height $height, when asked for the subsidy, then it is $btc BTC ($source)', ({ height, btc }) => {
    expect(blockSubsidyBtc(height)).toBe(btc);
    expect(blockSubsidySats(height)).toBe(Math.round(btc * 1e8));
  });

  // All 33 epochs against an independent implementation of the consensus rule: 64-bit right shift.
  it.each(Array.from({ length: 34 }, (_, epoch) => epoch))(
    'given epoch %i, when asked at its first and last height, then the subsidy is 5,000,000,000 >> epoch sat',
    (epoch) => {
      const expected = Number(5_000_000_000n >> BigInt(epoch));
      expect(blockSubsidySats(epoch * 210_000)).toBe(expected);
      expect(blockSubsidySats(epoch * 210_000 + 209_999)).toBe(expected);
      expect(Number.isInteger(blockSubsidySats(epoch * 210_000))).toBe(true);
    },
  );

  it('given the whole schedule, when summed, then it is 2,099,999,997,690,000 sat, not 21 M BTC (docs/methodology.md §1.3)', () => {
    expect(SUBSIDY_ENDS_AT_HEIGHT).toBe(6_930_000);
    expect(MAX_SUBSIDY_SUPPLY_SATS).toBe(2_099_999_997_690_000);
    expect(cumulativeSubsidySats(100_000_000)).toBe(2_099_999_997_690_000);
  });

  it('given the 151 blocks CM attributes to 2024-04-19 (839,853 … 840,003), when summing subsidies, then issuance is 931.25 BTC = 147 × 6.25 + 4 × 3.125 (data/reference/README.md §1)', () => {
    expect(cumulativeSubsidySats(840_004) - cumulativeSubsidySats(839_853)).toBe(93_125_000_000);
  });

  it('given the first 210,000 blocks, when summed, then they issued 10.5 M BTC (hand: 210,000 × 50)', () => {
    expect(cumulativeSubsidySats(210_000)).toBe(10_500_000 * 1e8);
    expect(cumulativeSubsidySats(0)).toBe(0);
  });
});

describe('halvings', () => {
  it.each([
    { height: 0, halvings: 0, next: 210_000, toGo: 210_000 },
    { height: 209_999, halvings: 0, next: 210_000, toGo: 1 },
    { height: 840_000, halvings: 4, next: 1_050_000, toGo: 210_000 },
    // data.hashrateindex.com snapshot 2024-11-12: "Blocks to go until next halving 179,980", "Blocks in Epoch 1125 / 2016".
    { height: 870_020, halvings: 4, next: 1_050_000, toGo: 179_980 },
    // docs/methodology.md §1.3: height ≈ 930,086 at the end of 2025-12-29 → 119,914 blocks remain.
    { height: 930_086, halvings: 4, next: 1_050_000, toGo: 119_914 },
  ])('given height $height, when asked for halvings, then $halvings happened and $toGo blocks remain to $next', ({ height, halvings, next, toGo }) => {
    expect(halvingsBefore(height)).toBe(halvings);
    expect(nextHalvingHeight(height)).toBe(next);
    expect(blocksToNextHalving(height)).toBe(toGo);
  });

  it('given halving number 4, when asked for its height, then it is 840,000', () => {
    expect(halvingHeight(4)).toBe(840_000);
  });
});

describe('subsidy input validation', () => {
  it.each([
    { height: -1, rule: 'must be 0 or more' },
    { height: 1.5, rule: 'must be a whole number' },
    { height: Number.NaN, rule: 'must be a finite number' },
  ])('given height $height, when asked for the subsidy, then an error names `height` and says "$rule"', ({ height, rule }) => {
    expect(() => blockSubsidySats(height)).toThrow(EconomicsInputError);
    expect(() => blockSubsidySats(height)).toThrow(`height: ${rule}`);
  });
});
