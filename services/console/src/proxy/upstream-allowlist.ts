// Which service paths the browser may reach through the console: the query APIs only. Pure, unit-tested.
export const UPSTREAMS = ['ingest', 'valuation', 'risk', 'notification'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

const TICKER = '[A-Z0-9.]{1,10}';
const ID = '[A-Za-z0-9_-]{1,64}';
const COMMON = [/^\/health\/ready$/, /^\/openapi\.json$/];

const GET_PATHS: Record<Upstream, RegExp[]> = {
  ingest: [...COMMON, /^\/metrics$/],
  valuation: [
    ...COMMON,
    /^\/v1\/network\/(metrics|hashprice\/latest)$/,
    /^\/v1\/companies$/,
    new RegExp(`^/v1/companies/${TICKER}/(valuation|valuations|backtest|margin-projections|figures)$`),
    /^\/v1\/comparables$/,
    /^\/v1\/machines\/(breakeven|power-prices)$/,
  ],
  risk: [
    ...COMMON,
    /^\/v1\/(alerts|rules)$/,
    new RegExp(`^/v1/risk/companies/${TICKER}(/(scenarios|grid|evaluations))?$`),
    /^\/v1\/risk\/universe$/,
    new RegExp(`^/v1/risk/watchlist(/${ID}(/lines(/${ID})?)?)?$`),
    /^\/v1\/risk\/policy-events$/,
  ],
  notification: [...COMMON, /^\/v1\/(deliveries|dead-letters)$/],
};

/** POSTs that compute and store nothing: the Monte Carlo run the Risk page asks for. */
const POST_PATHS: Partial<Record<Upstream, RegExp[]>> = {
  risk: [/^\/v1\/risk\/monte-carlo$/],
};

/** Endpoints that answer only for a notification subscriber (the console's own key). */
export const SUBSCRIBER_PATHS = [/^\/v1\/(deliveries|dead-letters)$/];

export function isUpstream(name: string): name is Upstream {
  return (UPSTREAMS as readonly string[]).includes(name);
}

/** True when `method path` on `upstream` is a read the console forwards. Encoded or dotted paths never match. */
export function isAllowed(upstream: Upstream, method: string, path: string): boolean {
  if (path.includes('%') || path.includes('..') || path.includes('//')) return false;
  const table = method === 'GET' ? GET_PATHS[upstream] : method === 'POST' ? POST_PATHS[upstream] ?? [] : [];
  return table.some((pattern) => pattern.test(path));
}
