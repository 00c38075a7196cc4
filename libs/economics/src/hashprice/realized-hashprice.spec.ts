import { difficultyFromRealizedHashrateThs } from '../network/hashrate';
import { blockSubsidyBtc } from '../network/subsidy';
import { hashpriceBtcPerPhDay } from './hashprice';
import { realizedHashpriceBtcPerPhDay, realizedHashpriceUsdPerPhDay } from './realized-hashprice';
import { revenueUsdPerEhDay, revenueUsdPerEhDayFromHashprice } from './revenue-per-eh';

// Rows of data/reference/network-daily.csv (Coin Metrics Community Network Data, coinmetrics/data csv/btc.csv
// @ cb3f32cc, CC BY-NC 4.0): price_usd, hashrate_ths (to double precision), blocks, issuance_btc, fees_btc.
const CM_ROWS = [
  { date: '2021-07-24', priceUsd: 34_166.914654588, hashrateThs: 104_668_925.13208285, blocks: 154, issuanceBtc: 962.5, feesBtc: 12.89541262 },
  { date: '2021-08-07', priceUsd: 44_484.9005862069, hashrateThs: 120_343_887.64035964, blocks: 167, issuanceBtc: 1043.75, feesBtc: 10.13663808 },
  { date: '2021-10-24', priceUsd: 60_865.4470523086, hashrateThs: 152_740_589.71327287, blocks: 153, issuanceBtc: 956.25, feesBtc: 8.92363951 },
  { date: '2025-11-03', priceUsd: 106_495.802789889, hashrateThs: 1_100_991_529.6887505, blocks: 142, issuanceBtc: 443.75, feesBtc: 3.21036814 },
];

describe('realized network hashprice from Coin Metrics daily rows (docs/methodology.md §2.3)', () => {
  it('given the 2025-11-03 row, when realized, then hp = (443.75 + 3.21036814) / (1,100,991,529.69 / 1000) = 0.00040596 BTC/PH/day (hand calculation)', () => {
    expect(realizedHashpriceBtcPerPhDay(CM_ROWS[3])).toBeCloseTo(0.000405962, 9);
  });

  it.each(CM_ROWS)(
    'given the $date row, when realized, then it equals the expected-value formula with that day\'s difficulty and fees per block (docs/methodology.md §2.3)',
    (row) => {
      const difficulty = difficultyFromRealizedHashrateThs(row.hashrateThs, row.blocks, 86_400);
      const subsidyPerBlock = row.issuanceBtc / row.blocks;
      const expected = hashpriceBtcPerPhDay(difficulty, subsidyPerBlock + row.feesBtc / row.blocks);
      expect(realizedHashpriceBtcPerPhDay(row) / expected - 1).toBeCloseTo(0, 12);
    },
  );

  // Luxor's index (Hashrate Index roundups, BTC hashprice = USD / price) uses a 144-block fee average and an
  // intraday price, so only the BTC figure is comparable: docs/methodology.md §2.3 says "~0.3 %" on days without retargets.
  it.each([
    { row: CM_ROWS[0], usdPerThDay: 0.315, priceUsd: 33_806 },
    { row: CM_ROWS[1], usdPerThDay: 0.3835, priceUsd: 43_629 },
    { row: CM_ROWS[2], usdPerThDay: 0.38, priceUsd: 60_028 },
  ])('given the CM row of $row.date, when realized in BTC, then it is within 0.5 % of the Hashrate Index roundup of that day', ({ row, usdPerThDay, priceUsd }) => {
    const luxorBtcPerPhDay = (usdPerThDay * 1000) / priceUsd;
    expect(Math.abs(realizedHashpriceBtcPerPhDay(row) / luxorBtcPerPhDay - 1)).toBeLessThan(0.005);
  });

  it('given a CM row, when the subsidy per block is derived, then it matches the consensus schedule for that height range (12.5 → 6.25 → 3.125)', () => {
    expect(CM_ROWS[1].issuanceBtc / CM_ROWS[1].blocks).toBe(blockSubsidyBtc(695_000));
    expect(CM_ROWS[3].issuanceBtc / CM_ROWS[3].blocks).toBe(blockSubsidyBtc(922_000));
  });

  it('given a CM row, when revenue per EH/s per day is computed JPMorgan-style, then it is the USD hashprice × 1,000 (docs/methodology.md §2.5)', () => {
    const row = CM_ROWS[3];
    const perEh = revenueUsdPerEhDay({
      dailySubsidyBtc: row.issuanceBtc,
      dailyFeesBtc: row.feesBtc,
      btcPriceUsd: row.priceUsd,
      networkHashrateEhs: row.hashrateThs / 1e6,
    });
    expect(perEh / revenueUsdPerEhDayFromHashprice(realizedHashpriceUsdPerPhDay(row, row.priceUsd)) - 1).toBeCloseTo(0, 12);
    expect(perEh).toBeCloseTo(43_233.2, 1); // hand: 446.96036814 × 106,495.80 / 1,100.99 EH/s
  });

  it('given a day with zero hashrate, when realized, then the error names hashrateThs', () => {
    expect(() => realizedHashpriceBtcPerPhDay({ issuanceBtc: 450, feesBtc: 3, hashrateThs: 0 })).toThrow('hashrateThs: must be greater than 0');
  });
});
