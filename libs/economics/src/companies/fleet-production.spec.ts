import fc from 'fast-check';
import {
  companyRealizedHashrateEhs,
  costPerBtcUsd,
  fleetBtcPerDay,
  fleetHashcostUsdPerPhDay,
  fleetPowerCostUsdPerDay,
  fleetPowerMw,
  miningMarginRatio,
} from './fleet-production';

// September 2025 network, from data/reference/network-daily.csv (Coin Metrics community data, CC BY-NC 4.0):
// 30 days, 4,532 blocks, 14,162.5 BTC issued, 121.294 BTC fees (0.026764 BTC/block), mean CM hashrate 1,034.76 EH/s,
// day-harmonic mean difficulty 137.63 T (D = HashRate·1e12·86400 / (2^32·BlkCnt) per day).
const SEPT_2025 = { days: 30, difficulty: 137.6298e12, feesBtcPerBlock: 0.026764, rewardBtc: 14_162.5 + 121.294, meanHashrateEhs: 1_034.76 };

describe('fleet production against Riot Platforms September 2025 (published)', () => {
  // Riot September 2025 production update (ng.investing.com/news/company-news/riot-produces-445-bitcoin-in-september-…;
  // miamidaily.life summary): 445 BTC mined, 14.8 BTC/day average, average operating hash rate 32.2 EH/s.
  it('given 32.2 EH/s at the September difficulty and fees, when BTC per day is computed, then it is 14.8 BTC/day and 445 BTC for the month, as Riot reported (within 0.5 %)', () => {
    const btcPerDay = fleetBtcPerDay(32.2, SEPT_2025.difficulty, 3.125 + SEPT_2025.feesBtcPerBlock);
    expect(btcPerDay).toBeCloseTo(14.8, 1);
    expect(Math.abs((btcPerDay * SEPT_2025.days) / 445 - 1)).toBeLessThan(0.005);
  });

  it('given Riot\'s 445 BTC and the month\'s network rewards and mean hashrate, when the realized hashrate is computed (TheMinerMag, docs/methodology.md §4.2), then it is 32.2 EH/s within 0.5 %', () => {
    const realized = companyRealizedHashrateEhs(445, SEPT_2025.rewardBtc, SEPT_2025.meanHashrateEhs);
    expect(Math.abs(realized / 32.2 - 1)).toBeLessThan(0.005);
  });

  it('given a 2 % pool fee, when production is computed, then it is 98 % of the gross figure', () => {
    const gross = fleetBtcPerDay(32.2, SEPT_2025.difficulty, 3.15);
    expect(fleetBtcPerDay(32.2, SEPT_2025.difficulty, 3.15, 0.02)).toBeCloseTo(gross * 0.98, 12);
  });
});

describe('fleet power and hashcost', () => {
  it('given the TheMinerMag quiz fleet (17.5 J/TH, $50/MWh), when the power hashcost is computed, then it is $21/PH/day (docs/methodology.md §2.4, tremplin.io quiz)', () => {
    const hashrateEhs = 10;
    const costPerDay = fleetPowerCostUsdPerDay(hashrateEhs, 17.5, 50 / 1000);
    expect(fleetHashcostUsdPerPhDay(costPerDay, hashrateEhs)).toBeCloseTo(21, 10);
  });

  it('given 32.2 EH/s at 20.5 J/TH (Riot, Sept 2025), when the power draw is computed, then it is 660.1 MW (J/TH = MW per EH/s)', () => {
    expect(fleetPowerMw(32.2, 20.5)).toBeCloseTo(660.1, 10);
  });

  it('given a cost per BTC and a BTC price, when the margin is computed, then it is 1 − cost/price (hand: 46,324 / 114,068 → 59.39 %)', () => {
    expect(miningMarginRatio(114_068, 46_324)).toBeCloseTo(1 - 46_324 / 114_068, 12);
    expect(miningMarginRatio(114_068, 46_324)).toBeCloseTo(0.5939, 4);
  });

  it('given any fleet, when hashcost is computed two ways, then cost/day ÷ PH/s equals cost per BTC × BTC per PH/s per day (property, docs/methodology.md §2.4)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 5, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        fc.double({ min: 1e12, max: 1e15, noNaN: true }),
        (ehs, jth, usdPerKwh, difficulty) => {
          const btcPerDay = fleetBtcPerDay(ehs, difficulty, 3.15);
          const cost = fleetPowerCostUsdPerDay(ehs, jth, usdPerKwh);
          const viaPerBtc = costPerBtcUsd(cost, btcPerDay) * (btcPerDay / (ehs * 1000));
          expect(viaPerBtc / fleetHashcostUsdPerPhDay(cost, ehs)).toBeCloseTo(1, 10);
        },
      ),
    );
  });

  it('given zero production, when cost per BTC is asked for, then the error names btcPerDay', () => {
    expect(() => costPerBtcUsd(1000, 0)).toThrow('btcPerDay: must be greater than 0');
  });
});
