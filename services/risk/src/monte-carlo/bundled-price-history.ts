import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** data/reference/network-daily.csv: the bundled daily history (column 2 is the BTC close, USD), oldest first. */
export const NETWORK_DAILY_CSV = join(__dirname, '..', '..', '..', '..', 'data', 'reference', 'network-daily.csv');

export function readBundledBtcPrices(file = NETWORK_DAILY_CSV): number[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
}
