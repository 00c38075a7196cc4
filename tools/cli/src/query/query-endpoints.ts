import type { QueryService } from './service-urls.util';

/*
 * The read endpoints `hashdesk query` calls, one per subcommand, as the services serve them
 * (valuation: services/valuation/src/companies and backtest; risk: services/risk/src/scenarios and alerts).
 */

type Json = Record<string, unknown>;

/** A flag a subcommand reads, and the query parameter it becomes (none: the ticker, required, goes in the path). */
export interface EndpointFlag {
  readonly flag: 'ticker' | 'as-of' | 'known-at';
  readonly param?: string;
}

export interface QueryEndpoint {
  readonly summary: string;
  readonly service: QueryService;
  readonly flags: readonly EndpointFlag[];
  /** The path, the ticker (upper case) in it where the endpoint takes one. */
  path(ticker: string | undefined): string;
  /** True when the endpoint answers `?format=csv` itself (its CSV is then printed as it comes). */
  readonly serviceCsv: boolean;
  /** The rows of its JSON body the CLI turns into CSV when the service gives none. */
  rows(body: unknown): Json[];
  /** Columns that lead the CSV, so an empty answer still has its header row. */
  readonly leadingColumns: readonly string[];
}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
/** The body itself as the one row, when it is an object. */
const single = (body: unknown): Json[] => (isRecord(body) ? [body] : []);
const segment = (ticker: string | undefined) => encodeURIComponent(ticker ?? '');

const TICKER: EndpointFlag = { flag: 'ticker' };
const AS_OF: EndpointFlag = { flag: 'as-of', param: 'asOf' };
const KNOWN_AT: EndpointFlag = { flag: 'known-at', param: 'knownAt' };

/** A scenario evaluation: one row per standing scenario (base first), each with the evaluation it belongs to. */
function scenarioRows(body: unknown): Json[] {
  if (!isRecord(body)) return [];
  const evaluation = isRecord(body['evaluation']) ? body['evaluation'] : {};
  const table = evaluation['standingScenarios'];
  if (!isRecord(table)) return single(body);
  const event = isRecord(evaluation['event']) ? evaluation['event'] : {};
  const context = { ticker: body['ticker'], asOf: body['asOf'], evaluationId: body['evaluationId'], valuationId: body['valuationId'], riskScore: event['riskScore'] ?? null };
  const base = isRecord(table['base']) ? [{ ...context, name: 'base', ...table['base'] }] : [];
  return [...base, ...records(table['scenarios']).map((row) => ({ ...context, ...row }))];
}

export const QUERY_ENDPOINTS: Readonly<Record<string, QueryEndpoint>> = {
  comparables: {
    summary: 'every company with its newest valuation and headline metrics (valuation GET /v1/comparables)',
    service: 'valuation',
    flags: [AS_OF, KNOWN_AT],
    path: () => '/v1/comparables',
    serviceCsv: true,
    rows: (body) => (isRecord(body) ? records(body['items']) : []),
    leadingColumns: ['ticker'],
  },
  valuation: {
    summary: "a company's metrics and valuation with its lineage (valuation GET /v1/companies/{ticker}/valuation)",
    service: 'valuation',
    flags: [TICKER, AS_OF, KNOWN_AT],
    path: (ticker) => `/v1/companies/${segment(ticker)}/valuation`,
    serviceCsv: false,
    rows: single,
    leadingColumns: ['valuationId', 'ticker', 'asOf', 'knownAt'],
  },
  scenarios: {
    summary: "a company's standing stress scenarios and risk score (risk GET /v1/risk/companies/{ticker}/scenarios)",
    service: 'risk',
    flags: [TICKER, AS_OF],
    path: (ticker) => `/v1/risk/companies/${segment(ticker)}/scenarios`,
    serviceCsv: false,
    rows: scenarioRows,
    leadingColumns: ['ticker', 'asOf', 'evaluationId', 'valuationId', 'riskScore', 'name'],
  },
  alerts: {
    summary: 'the newest 100 alerts, newest first (risk GET /v1/alerts)',
    service: 'risk',
    flags: [],
    path: () => '/v1/alerts',
    serviceCsv: false,
    rows: records,
    leadingColumns: ['alertId', 'ruleId', 'severity', 'subject', 'metric', 'value', 'threshold', 'direction', 'message', 'asOf'],
  },
  backtest: {
    summary: "the model against the company's reported production and cost, by quarter (valuation GET /v1/companies/{ticker}/backtest)",
    service: 'valuation',
    flags: [TICKER],
    path: (ticker) => `/v1/companies/${segment(ticker)}/backtest`,
    serviceCsv: true,
    rows: (body) => (isRecord(body) ? records(body['quarters']).map((quarter) => ({ ticker: body['ticker'], ...quarter })) : []),
    leadingColumns: ['ticker', 'periodEnd'],
  },
};
