import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompanyProfile, type CompanyProfile } from '@hashdesk/economics';

/**
 * The one place that knows where the repository's bundled data lives. Services get company profiles
 * and observations through ingest; only seed commands, tests, benches and the model calibration
 * below read these files directly.
 */
const DATA_DIR = join(__dirname, '..', '..', '..', 'data');

/** data/companies: the researched profiles ingest's load-profiles command seeds (format in its README). */
export const SHIPPED_COMPANIES_DIR = join(DATA_DIR, 'companies');

/** data/reference/network-daily.csv: the bundled daily network history, oldest first (see data/reference/README.md). */
export const NETWORK_DAILY_CSV = join(DATA_DIR, 'reference', 'network-daily.csv');

/** Every profile in data/companies, parsed by the economics library (for seeds, tests and benches). */
export function readShippedCompanyProfiles(dir = SHIPPED_COMPANIES_DIR): CompanyProfile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => parseCompanyProfile(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
}

/**
 * The daily BTC closes (USD, column 2) of the bundled history, oldest first. Risk calibrates its
 * price models on them: a fixed multi-year sample is model input, not market state, so it is
 * bundled rather than rebuilt from live events.
 */
export function readBundledBtcPrices(file = NETWORK_DAILY_CSV): number[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
}
