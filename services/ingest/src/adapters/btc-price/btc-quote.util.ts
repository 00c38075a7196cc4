import { AdapterException } from '../adapter.exception';
import { parsePositive } from '../shared/parse.util';

/** Far above any BTC price so far, far below a unit slip (cents for dollars, sats for BTC). */
const MAX_PLAUSIBLE_BTC_USD = 10_000_000;

/** A BTC price in USD from a number or a decimal string, refused when zero, negative or implausible. */
export function parseBtcUsd(field: string, value: unknown): number {
  const price = parsePositive(field, value);
  if (price > MAX_PLAUSIBLE_BTC_USD) throw AdapterException.invalidField(field, `must be at most ${MAX_PLAUSIBLE_BTC_USD} USD per BTC (a unit slip?)`, value);
  return price;
}
