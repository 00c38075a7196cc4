import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { PH_PER_EH } from '../shared/units';
import { energyHashcostUsdPerPhDay } from './hashcost';

export interface NetworkDailyRevenue {
  /** Subsidy paid to the whole network in the day, BTC. */
  dailySubsidyBtc: number;
  dailyFeesBtc: number;
  btcPriceUsd: number;
  networkHashrateEhs: number;
}

/** JPMorgan-style daily block-reward revenue per EH/s: (subsidy + fees) · price / network EH/s (docs/methodology.md §2.5). */
export function revenueUsdPerEhDay(day: NetworkDailyRevenue): number {
  requireNonNegative('dailySubsidyBtc', day.dailySubsidyBtc);
  requireNonNegative('dailyFeesBtc', day.dailyFeesBtc);
  requirePositive('btcPriceUsd', day.btcPriceUsd);
  requirePositive('networkHashrateEhs', day.networkHashrateEhs);
  return ((day.dailySubsidyBtc + day.dailyFeesBtc) * day.btcPriceUsd) / day.networkHashrateEhs;
}

/** The same figure from a USD hashprice: $/EH/day = $/PH/day × 1,000. */
export function revenueUsdPerEhDayFromHashprice(hashpriceUsdPerPhDay: number): number {
  requireNonNegative('hashpriceUsdPerPhDay', hashpriceUsdPerPhDay);
  return hashpriceUsdPerPhDay * PH_PER_EH;
}

/** "Gross profit per EH/s per day": revenue minus the energy cost of a fleet at e J/TH and p $/kWh. */
export function grossProfitUsdPerEhDay(revenueUsdPerEhDayValue: number, efficiencyJth: number, powerUsdPerKwh: number): number {
  requireNonNegative('revenueUsdPerEhDay', revenueUsdPerEhDayValue);
  return revenueUsdPerEhDayValue - energyHashcostUsdPerPhDay(efficiencyJth, powerUsdPerKwh) * PH_PER_EH;
}
