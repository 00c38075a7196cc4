import fc from 'fast-check';
import { EconomicsInputError } from '../shared/economics-input.error';
import { btcPerPhDayToSatsPerThDay, usdPerEhDayToUsdPerPhDay, usdPerPhDayToUsdPerThDay, usdPerThDayToUsdPerPhDay } from '../shared/units';
import { rewardBtcPerBlockFromFeeShare } from './block-reward';
import { hashpriceBtcPerPhDay, hashpriceUsdPerPhDay, networkHashprice } from './hashprice';

/** Relative difference |a/b − 1|. */
const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('hashprice against published Hashrate Index values (docs/methodology.md §2.1)', () => {
  // Hashrate Index weekly roundups, 2021 (quoted in $/TH/s/day, with "Average Fee Percentage per Block (24H)" = f,
  // "Bitcoin Price (24H)"); difficulty = the exact epoch difficulty in force (data/reference/difficulty-epochs.csv).
  it.each([
    {
      date: '2021-07-17', url: 'hashrateindex.com/blog/hashrate-index-roundup-july-17-2021/',
      difficulty: 14_363_025_673_659.965, feeShare: 0.0157, priceUsd: 31_338, usdPerThDay: 0.2787,
    },
    {
      date: '2021-07-24', url: 'blog.hashrateindex.com/-hashrate-index-roundup-72421/',
      difficulty: 13_672_594_272_814.145, feeShare: 0.0126, priceUsd: 33_806, usdPerThDay: 0.315,
    },
    {
      date: '2021-08-07', url: 'hashrateindex.com/blog/-hashrate-index-roundup-8721/',
      difficulty: 14_496_442_856_349.12, feeShare: 0.0134, priceUsd: 43_629, usdPerThDay: 0.3835,
    },
    {
      date: '2021-10-24', url: 'hashrateindex.com/blog/hashrate-index-roundup-10242021/',
      difficulty: 20_082_460_130_830.844, feeShare: 0.0107, priceUsd: 60_028, usdPerThDay: 0.38,
    },
  ])('given the $date roundup inputs, when hashprice is computed, then it is $$usdPerThDay/TH/day ($url)', ({ difficulty, feeShare, priceUsd, usdPerThDay }) => {
    const reward = rewardBtcPerBlockFromFeeShare(6.25, feeShare);
    const usdPerPhDay = hashpriceUsdPerPhDay(hashpriceBtcPerPhDay(difficulty, reward), priceUsd);
    // docs/methodology.md §2.1: these reproduce to < 0.06 % without any pool-fee deduction; the published values are rounded.
    expect(relativeError(usdPerPhDayToUsdPerThDay(usdPerPhDay), usdPerThDay)).toBeLessThan(0.0012);
  });

  it('given D = 155.973e12, 3.125 BTC subsidy, no fees, when BTC hashprice is computed, then it is 3.125·86,400·1e15/(D·2^32) = 0.00040305 BTC/PH/day (hand calculation)', () => {
    expect(hashpriceBtcPerPhDay(155.973e12, 3.125)).toBeCloseTo(0.000403046, 9);
  });

  it('given a network state, when summarised, then hashrate, fee share and both hashprices agree with the parts', () => {
    const result = networkHashprice({ difficulty: 155.973e12, subsidyBtc: 3.125, feesBtcPerBlock: 0.025, btcPriceUsd: 90_000 });
    expect(result.hashrateEhs).toBeCloseTo(1116.5, 1);
    expect(result.rewardBtcPerBlock).toBe(3.15);
    expect(result.feeShareOfReward).toBeCloseTo(0.025 / 3.15, 12);
    expect(result.hashpriceUsdPerPhDay).toBeCloseTo(hashpriceBtcPerPhDay(155.973e12, 3.15) * 90_000, 9);
  });
});

describe('hashprice quoting units (docs/methodology.md §1.1)', () => {
  it('given $0.3835/TH/day (2021 quote), when converted, then it is $383.5/PH/day', () => {
    expect(usdPerThDayToUsdPerPhDay(0.3835)).toBeCloseTo(383.5, 9);
  });

  it('given JPMorgan\'s $49,700/EH/day, when converted, then it is $49.7/PH/day', () => {
    expect(usdPerEhDayToUsdPerPhDay(49_700)).toBeCloseTo(49.7, 9);
  });

  it('given 1 BTC/PH/day, when converted, then it is 100,000 sats/TH/day', () => {
    expect(btcPerPhDayToSatsPerThDay(1)).toBe(100_000);
    expect(btcPerPhDayToSatsPerThDay(0.00040577)).toBeCloseTo(40.577, 9);
  });
});

describe('hashprice properties (fast-check)', () => {
  const difficulty = fc.double({ min: 1e6, max: 1e16, noNaN: true });
  const reward = fc.double({ min: 0.01, max: 60, noNaN: true });
  const price = fc.double({ min: 1, max: 1e7, noNaN: true });
  const factor = fc.double({ min: 0.01, max: 100, noNaN: true });

  it('given any state, when the BTC price is scaled by k, then USD hashprice scales by k (linear in price)', () => {
    fc.assert(
      fc.property(difficulty, reward, price, factor, (d, r, p, k) => {
        const btc = hashpriceBtcPerPhDay(d, r);
        return relativeError(hashpriceUsdPerPhDay(btc, p * k), k * hashpriceUsdPerPhDay(btc, p)) < 1e-12;
      }),
    );
  });

  it('given any state, when difficulty is scaled by k, then hashprice is divided by k (inverse in difficulty)', () => {
    fc.assert(
      fc.property(difficulty, reward, factor, (d, r, k) => relativeError(hashpriceBtcPerPhDay(d * k, r), hashpriceBtcPerPhDay(d, r) / k) < 1e-12),
    );
  });
});

describe('hashprice input validation', () => {
  it('given a negative difficulty, when hashprice is computed, then the error names difficulty and the rule', () => {
    expect(() => hashpriceBtcPerPhDay(-155e12, 3.125)).toThrow(EconomicsInputError);
    expect(() => hashpriceBtcPerPhDay(-155e12, 3.125)).toThrow('difficulty: must be greater than 0');
  });

  it('given a zero BTC price, when USD hashprice is computed, then the error names btcPriceUsd', () => {
    expect(() => hashpriceUsdPerPhDay(0.0004, 0)).toThrow('btcPriceUsd: must be greater than 0');
  });
});
