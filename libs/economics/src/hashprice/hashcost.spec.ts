import fc from 'fast-check';
import { usdPerPhDayToUsdPerEhDay } from '../shared/units';
import { hashpriceIfHalvingToday } from './halving-hashprice';
import { energyHashcostUsdPerPhDay, impliedHashcostUsdPerPhDay, usdPerMwhToUsdPerKwh } from './hashcost';
import { networkHashprice } from './hashprice';
import { grossProfitUsdPerEhDay } from './revenue-per-eh';

describe('energy hashcost (docs/methodology.md §2.4)', () => {
  it('given the TheMinerMag quiz (17.5 J/TH, $50/MWh), when hashcost is computed, then it is $21/PH/day, i.e. $21,000/EH/day, not $21,000/PH/day (tremplin.io quiz; the unit trap)', () => {
    const usdPerPhDay = energyHashcostUsdPerPhDay(17.5, usdPerMwhToUsdPerKwh(50));
    expect(usdPerPhDay).toBeCloseTo(21, 12);
    expect(usdPerPhDayToUsdPerEhDay(usdPerPhDay)).toBeCloseTo(21_000, 9);
  });

  it('given an S19 Pro (29.5 J/TH) at 5 c/kWh, when hashcost is computed, then it is 29.5 × 0.05 × 24 = $35.40/PH/day (hand)', () => {
    expect(energyHashcostUsdPerPhDay(29.5, 0.05)).toBeCloseTo(35.4, 12);
  });

  it('given a cost per BTC of $40,000 and 0.0004 BTC/PH/day, when the implied hashcost is computed, then it is $16/PH/day (hand)', () => {
    expect(impliedHashcostUsdPerPhDay(40_000, 0.0004)).toBeCloseTo(16, 12);
  });

  it('given revenue $45,000/EH/day and a 17.5 J/TH fleet at 5 c/kWh, when gross profit is computed, then it is 45,000 − 21,000 = $24,000/EH/day (hand)', () => {
    expect(grossProfitUsdPerEhDay(45_000, 17.5, 0.05)).toBeCloseTo(24_000, 9);
  });

  it('given a negative power price, when hashcost is computed, then the error names powerUsdPerKwh', () => {
    expect(() => energyHashcostUsdPerPhDay(17.5, -0.01)).toThrow('powerUsdPerKwh: must be 0 or more');
  });
});

describe('"if the halving were today" (docs/methodology.md §2.1)', () => {
  it('given $108.6/PH/day, when halved naively, then it is $54.3 as Hashrate Index published', () => {
    expect(hashpriceIfHalvingToday(108.6, 0.05).naiveUsdPerPhDay).toBeCloseTo(54.3, 12);
  });

  it('given $108.6/PH/day with 5 % fees, when only the subsidy halves, then it is 108.6 × 1.05 / 2 = $57.015 (hand)', () => {
    expect(hashpriceIfHalvingToday(108.6, 0.05).feesKeptUsdPerPhDay).toBeCloseTo(57.015, 12);
  });

  it('given any network state, when the fee-kept figure is compared with a full recomputation at half the subsidy, then they agree (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e10, max: 1e16, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 100, max: 1e6, noNaN: true }),
        (difficulty, subsidyBtc, feesBtcPerBlock, btcPriceUsd) => {
          const today = networkHashprice({ difficulty, subsidyBtc, feesBtcPerBlock, btcPriceUsd });
          const halved = networkHashprice({ difficulty, subsidyBtc: subsidyBtc / 2, feesBtcPerBlock, btcPriceUsd });
          const shortcut = hashpriceIfHalvingToday(today.hashpriceUsdPerPhDay, today.feeShareOfReward);
          return Math.abs(shortcut.feesKeptUsdPerPhDay / halved.hashpriceUsdPerPhDay - 1) < 1e-9;
        },
      ),
    );
  });
});
