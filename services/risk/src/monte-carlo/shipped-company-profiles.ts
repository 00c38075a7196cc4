import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompanyProfile, type CompanyProfile } from '@hashdesk/economics';

/** data/companies, the profiles shipped with the repository (format v1, see its README). */
export const SHIPPED_COMPANIES_DIR = join(__dirname, '..', '..', '..', '..', 'data', 'companies');

/** Every shipped profile, parsed by the economics library's parser (no ingest involved), by ticker. */
export function readShippedCompanyProfiles(dir = SHIPPED_COMPANIES_DIR): CompanyProfile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => parseCompanyProfile(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
}

/**
 * Per-BTC opex fallbacks for profiles whose period opex is unknown: the figures the economics
 * benchmark uses for Riot, stated here so that runs on sparse profiles say what they assumed.
 */
export const ILLUSTRATIVE_OPEX_ASSUMPTIONS = Object.freeze({ otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 });
