// Test helper: bodies in the shapes the running services answer with, for the query tests.
// fixtures/riot-valuation.json is valuationBody (services/valuation/src/companies/companies.controller.ts)
// and fixtures/riot-scenarios.json a StoredScenarioEvaluation (services/risk/src/scenarios), their
// figures computed by @hashdesk/economics from the committed data/companies/riot.json at BTC $112,000,
// difficulty 150.84e12, height 917,000 (the scenarios cut to four, one whose name holds commas). They
// are files, not computed here, so the tests do not move when the bundled data is re-researched.
// Only *.spec.ts files import this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
const fixture = <T = Json>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as T;

/** GET /v1/companies/RIOT/valuation (valuation). */
export const VALUATION_BODY = fixture<Json & { difficulty: number; metrics: Json; lineage: { inputs: Json[] } }>('riot-valuation.json');

/** GET /v1/risk/companies/RIOT/scenarios (risk). */
export const SCENARIOS_BODY = fixture<Json & { evaluation: { standingScenarios: { scenarios: Array<{ name: string; btcPriceUsd: number }> } } }>('riot-scenarios.json');

const AS_OF = '2025-10-01T12:00:00.000Z';
const LINEAGE = VALUATION_BODY.lineage;

/** GET /v1/alerts (risk): AlertRaised as proto JSON, newest first. A message with a comma and quotes tests the quoting. */
export const ALERTS_BODY = [
  {
    alertId: 'alert-2', ruleId: 'company-break-even', severity: 'SEVERITY_CRITICAL', subject: 'RIOT', metric: 'break_even_btc_price_usd',
    value: 118250.5, threshold: 112000, direction: 'THRESHOLD_DIRECTION_ABOVE', message: 'RIOT "break-even" above price, by 5.6 %', asOf: AS_OF, lineage: LINEAGE,
  },
  {
    alertId: 'alert-1', ruleId: 'hashprice-floor', severity: 'SEVERITY_WARNING', subject: 'network', metric: 'hashprice_usd_per_ph_day',
    value: 0.0000004, threshold: 45, direction: 'THRESHOLD_DIRECTION_BELOW', message: 'hashprice below 45', asOf: '2025-09-30T00:00:00Z',
  },
];

/** GET /v1/comparables?format=csv (valuation): the service's own CSV (toCsv in tabular-output.util.ts). */
export const COMPARABLES_CSV = [
  'ticker,name,asOf,knownAt,evPerEhUsd,mNavBasic,sources',
  'MARA,"MARA Holdings, Inc.",2025-10-01T12:00:00.000Z,2025-10-01T12:00:00.000Z,112000000,1.31,https://ir.mara.com/q3 | https://sec.gov/x',
  'RIOT,Riot Platforms,2025-10-01T12:00:00.000Z,2025-10-01T12:00:00.000Z,98000000,1.12,https://riotplatforms.com/q3',
].join('\r\n') + '\r\n';

/** GET /v1/comparables (valuation), JSON: the envelope around the same rows. */
export const COMPARABLES_BODY = {
  sort: 'evPerEhUsd', order: 'desc', page: { limit: 500, offset: 0, total: 1 },
  items: [{ ticker: 'RIOT', name: 'Riot Platforms', evPerEhUsd: 98_000_000, mNavBasic: 1.12, sources: ['https://riotplatforms.com/q3'] }],
};
