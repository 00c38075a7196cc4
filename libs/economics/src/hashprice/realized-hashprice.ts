import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { TH_PER_PH } from '../shared/units';

export interface DailyNetworkTotals {
  /** New coins issued in the day (Coin Metrics IssTotNtv), BTC. */
  issuanceBtc: number;
  /** Fees paid in the day (FeeTotNtv), BTC. */
  feesBtc: number;
  /** Block-count hashrate of the day (HashRate), TH/s. */
  hashrateThs: number;
}

/**
 * Realized (ex-post) network hashprice of one day, docs/methodology.md §2.3:
 * (IssTotNtv + FeeTotNtv) / (HashRate_TH / 1000) BTC per PH/s per day. Because the hashrate is
 * block-count based this equals the expected-value formula with the day's actual fees per block.
 */
export function realizedHashpriceBtcPerPhDay(day: DailyNetworkTotals): number {
  requireNonNegative('issuanceBtc', day.issuanceBtc);
  requireNonNegative('feesBtc', day.feesBtc);
  requirePositive('hashrateThs', day.hashrateThs);
  return (day.issuanceBtc + day.feesBtc) / (day.hashrateThs / TH_PER_PH);
}

/** The same in USD: × PriceUSD (CM's 00:00 UTC next-day fixing, not an intraday print). */
export function realizedHashpriceUsdPerPhDay(day: DailyNetworkTotals, btcPriceUsd: number): number {
  requirePositive('btcPriceUsd', btcPriceUsd);
  return realizedHashpriceBtcPerPhDay(day) * btcPriceUsd;
}
