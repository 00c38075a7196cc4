import { requireNonNegative, requirePositive } from '../shared/validate.util';

/*
 * Market value, enterprise value and mNAV (docs/methodology.md §4.3). Two EV variants are in use and they are
 * NOT the same number:
 *   enterpriseValueUsd          = market cap + total debt + preferred − cash            (bitcoinminingstock.io; BTC not netted)
 *   enterpriseValueNetOfBtcUsd  = enterpriseValueUsd − BTC held × price                 (TheMinerMag's net debt nets digital assets)
 * TheMinerMag nets total LIABILITIES, not debt; this library uses total debt in both so that the two
 * variants differ by exactly the BTC holdings.
 */

export function marketCapUsd(sharePriceUsd: number, sharesOutstanding: number): number {
  requirePositive('sharePriceUsd', sharePriceUsd);
  requireNonNegative('sharesOutstanding', sharesOutstanding);
  return sharePriceUsd * sharesOutstanding;
}

/** market cap + total debt + preferred − cash. */
export function enterpriseValueUsd(marketCapUsdValue: number, totalDebtUsd: number, cashUsd: number, preferredEquityUsd = 0): number {
  requireNonNegative('marketCapUsd', marketCapUsdValue);
  requireNonNegative('totalDebtUsd', totalDebtUsd);
  requireNonNegative('cashUsd', cashUsd);
  requireNonNegative('preferredEquityUsd', preferredEquityUsd);
  return marketCapUsdValue + totalDebtUsd + preferredEquityUsd - cashUsd;
}

/** EV with BTC holdings netted like cash. */
export function enterpriseValueNetOfBtcUsd(enterpriseValueUsdValue: number, btcHeld: number, btcPriceUsd: number): number {
  requireNonNegative('btcHeld', btcHeld);
  requirePositive('btcPriceUsd', btcPriceUsd);
  return enterpriseValueUsdValue - btcHeld * btcPriceUsd;
}

/** EV per EH/s (state which hashrate: installed, operating or realized). */
export function evPerEhUsd(enterpriseValueUsdValue: number, hashrateEhs: number): number {
  requirePositive('hashrateEhs', hashrateEhs);
  return enterpriseValueUsdValue / hashrateEhs;
}

/** Basic mNAV = market cap / (BTC held × price). */
export function mNavBasic(marketCapUsdValue: number, btcHeld: number, btcPriceUsd: number): number {
  requireNonNegative('marketCapUsd', marketCapUsdValue);
  requirePositive('btcHeld', btcHeld);
  requirePositive('btcPriceUsd', btcPriceUsd);
  return marketCapUsdValue / (btcHeld * btcPriceUsd);
}

/** EV-mNAV (BitcoinTreasuries.net default) = (market cap + debt + preferred − cash) / (BTC held × price). */
export function mNavEv(enterpriseValueUsdValue: number, btcHeld: number, btcPriceUsd: number): number {
  requirePositive('btcHeld', btcHeld);
  requirePositive('btcPriceUsd', btcPriceUsd);
  return enterpriseValueUsdValue / (btcHeld * btcPriceUsd);
}
