import { parseCompanyProfile } from '../parse-company-profile';
import { backtestQuarter, medianAbsoluteError, networkDayFromDaily, networkDaysFromDailyCsv, type NetworkDay } from './backtest';
import { buildPeriodProfile } from './build-profile-versions';
import { syntheticHistory } from './history.testing';

const fig = (field: string, value: number, unit: string, excerpt: string) => ({ periodEnd: '2024-03-31', field, value, unit, asOf: '2024-03-31', knownAt: '2024-05-10', excerpt });

/** Every day of Q1 2024 (91 days) with the same network state. */
const q1Days = (btcPerPhDay: number): NetworkDay[] =>
  Array.from({ length: 91 }, (_, i) => ({ date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), btcPriceUsd: 50_000, difficulty: 80e12, rewardBtcPerBlock: 6.5, btcPerPhDay }));

describe('backtest: the model against reported figures', () => {
  const history = syntheticHistory([
    fig('production.btcProducedInPeriod', 1000, 'BTC', 'mined 1,000 BTC'),
    fig('fleet.operatingHashrateEhs', 10, 'EH/s', 'operating hashrate of 10 EH/s'),
  ]);
  const profile = parseCompanyProfile(buildPeriodProfile(history, '2024-03-31'));

  it('given 10 EH/s operating and 0.001 BTC per PH per day for 91 days, when backtested, then 910 BTC are modelled against 1,000 reported', () => {
    const row = backtestQuarter(profile, q1Days(0.001));
    // 10 EH/s = 10,000 PH/s; × 0.001 BTC/PH/day × 91 days = 910 BTC (hand calculation).
    expect(row.modelledBtcProduced).toBeCloseTo(910, 9);
    expect(row.reportedBtcProduced).toBe(1000);
    expect(row.productionErrorRatio).toBeCloseTo(-0.09, 12);
    expect(row.hashrateBasis).toBe('operating');
  });

  it('given a quarter the network history does not fully cover, when backtested, then production is not modelled and the gap is named', () => {
    const row = backtestQuarter(profile, q1Days(0.001).slice(0, 60));
    expect(row.modelledBtcProduced).toBeNull();
    expect(row.notes).toContain("network history covers 60 of the quarter's 91 days");
  });

  it('given a daily history row, when read, then BTC per PH per day is issuance plus fees over network PH/s', () => {
    // 3.125 BTC × 144 blocks + 4.5 BTC fees over 700 EH/s = 450 / 700,000 PH/s.
    const day = networkDayFromDaily({ date: '2024-06-01', priceUsd: 67_000, hashrateThs: 700e6, blocks: 144, issuanceBtc: 450 - 4.5, feesBtc: 4.5 });
    expect(day.btcPerPhDay).toBeCloseTo(450 / 700_000, 15);
    expect(day.rewardBtcPerBlock).toBeCloseTo(3.125, 12);
  });

  it('given errors with a missing one, when the median absolute error is taken, then it skips the missing one', () => {
    expect(medianAbsoluteError([0.1, -0.3, null, 0.2])).toBeCloseTo(0.2, 12);
    expect(medianAbsoluteError([0.1, -0.3, 0.2, -0.4])).toBeCloseTo(0.25, 12);
    expect(medianAbsoluteError([null])).toBeNull();
  });

  it('given the daily history CSV, when read, then each row is a network day; a missing column is named', () => {
    const csv = 'date,price_usd,hashrate_ths,blocks,issuance_btc,fees_btc\n2024-06-01,67000,700000000,144,445.5,4.5\n';
    expect(networkDaysFromDailyCsv(csv)).toEqual([networkDayFromDaily({ date: '2024-06-01', priceUsd: 67_000, hashrateThs: 700e6, blocks: 144, issuanceBtc: 445.5, feesBtc: 4.5 })]);
    expect(() => networkDaysFromDailyCsv('date,price_usd\n2024-06-01,67000\n')).toThrow(/hashrate_ths|needs this column/);
  });
});
