import type { Observation } from '../adapters';
import { checkPlausibility } from '../observations/observation-plausibility';
import { toRecordable } from './adapter-observation.mapper';

const at = new Date('2025-11-03T21:00:00Z');
const now = new Date('2025-11-04T00:00:00Z');

describe('toRecordable', () => {
  it('given an ERCOT day-ahead price in USD/MWh, when mapped, then it is USD/kWh at the interval end, keyed by market and point', () => {
    const recorded = toRecordable({
      kind: 'power-wholesale-price', source: 'ercot', key: 'DAM:HB_WEST', eventTime: new Date('2025-11-03T06:00:00Z'), market: 'DAM', settlementPoint: 'HB_WEST',
      intervalMinutes: 60, intervalEndsAt: new Date('2025-11-03T07:00:00Z'), powerUsdPerMwh: 42.5, deliveryDate: '2025-11-03', repeatedHour: false,
    } as Observation);
    expect(recorded).toEqual({
      kind: 'power-price', source: 'ercot', region: 'ERCOT:DAM:HB_WEST', eventTime: new Date('2025-11-03T07:00:00Z'),
      powerUsdPerKwh: 0.0425, marketType: 'wholesale', intervalMinutes: 60, period: '2025-11-03',
    });
  });

  it('given an EIA state industrial rate, when mapped, then it is a retail price for EIA:<state>:<sector>', () => {
    const recorded = toRecordable({
      kind: 'power-retail-price', source: 'eia', key: 'TX:IND', eventTime: at, stateId: 'TX', sector: 'IND', period: '2025-08', powerUsdPerKwh: 0.0712,
    } as Observation);
    expect(recorded).toMatchObject({ kind: 'power-price', region: 'EIA:TX:IND', powerUsdPerKwh: 0.0712, marketType: 'retail', period: '2025-08' });
  });

  it('given a daily bar and an intraday quote, when mapped, then both are equity quotes told apart by quote type', () => {
    const bar = toRecordable({ kind: 'equity-daily-bar', source: 'stooq', key: 'mara', eventTime: at, tradingDay: '2025-11-03', openUsd: 18, highUsd: 19, lowUsd: 17.5, closeUsd: 18.4, volumeShares: 1e6 } as Observation);
    const quote = toRecordable({ kind: 'equity-quote', source: 'finnhub', key: 'RIOT', eventTime: at, priceUsd: 14.2, previousCloseUsd: 13.9, changePct: 2.2, tradingDay: '2025-11-03' } as Observation);
    expect(bar).toMatchObject({ kind: 'equity-quote', ticker: 'MARA', priceUsd: 18.4, quoteType: 'daily-close', volumeShares: 1e6 });
    expect(quote).toMatchObject({ kind: 'equity-quote', ticker: 'RIOT', priceUsd: 14.2, quoteType: 'intraday', previousCloseUsd: 13.9 });
  });

  it('given a single block, when mapped, then it is not recorded (no topic for it)', () => {
    expect(toRecordable({ kind: 'block', source: 'mempool', key: 'BTC', eventTime: at, height: 1, blockHash: 'x', difficulty: 1, txCount: 1, totalFeesSats: 0, rewardSats: 0 } as Observation)).toBeUndefined();
  });
});

describe('plausibility of equity and power prices', () => {
  const power = (powerUsdPerKwh: number, marketType: 'retail' | 'wholesale') =>
    checkPlausibility({ kind: 'power-price', source: 's', region: 'r', eventTime: at, powerUsdPerKwh, marketType, intervalMinutes: 60, period: 'p' }, now);

  it('accepts a negative wholesale price (ERCOT goes below zero) but not a negative tariff', () => {
    expect(power(-0.02, 'wholesale')).toEqual([]);
    expect(power(-0.02, 'retail')).toEqual([expect.objectContaining({ field: 'powerUsdPerKwh', rule: 'range' })]);
  });

  it('refuses a USD/MWh figure passed off as USD/kWh', () => {
    expect(power(42.5, 'wholesale')).toEqual([expect.objectContaining({ field: 'powerUsdPerKwh', rule: 'range' })]);
  });

  it('refuses a zero share price', () => {
    const violations = checkPlausibility({ kind: 'equity-quote', source: 's', ticker: 'MARA', eventTime: at, priceUsd: 0, quoteType: 'intraday' }, now);
    expect(violations).toEqual([expect.objectContaining({ field: 'priceUsd', rule: 'range' })]);
  });
});
