import { requireFraction, requireNonNegative } from '../shared/validate.util';

export interface HalvingHashprice {
  /** Hashrate Index's shortcut: the whole hashprice halves ("$108.6 → $54.3"). */
  naiveUsdPerPhDay: number;
  /** Done properly: only the subsidy halves, fees stay (same difficulty, price and fees). */
  feesKeptUsdPerPhDay: number;
}

/**
 * "If the halving were today" from a hashprice and the fee share of the total reward f.
 * Hashprice ∝ subsidy + fees = R; after halving s/2 + fees = R(1 − f)/2 + R·f = R(1 + f)/2,
 * so the fee-aware figure is hashprice · (1 + f)/2 and the naive one hashprice / 2.
 * Works for BTC or USD hashprice alike (price and difficulty held constant).
 */
export function hashpriceIfHalvingToday(hashpriceUsdPerPhDay: number, feeShareOfReward: number): HalvingHashprice {
  requireNonNegative('hashpriceUsdPerPhDay', hashpriceUsdPerPhDay);
  requireFraction('feeShareOfReward', feeShareOfReward, true);
  return {
    naiveUsdPerPhDay: hashpriceUsdPerPhDay / 2,
    feesKeptUsdPerPhDay: (hashpriceUsdPerPhDay * (1 + feeShareOfReward)) / 2,
  };
}
