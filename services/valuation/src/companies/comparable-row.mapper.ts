import type { Cell } from '@hashdesk/platform';
import type { StoredValuation } from './company-query.repository';

/** Numeric columns of the comparables table (all sortable). */
export const COMPARABLE_METRICS = [
  'btcPriceUsd', 'sharePriceUsd', 'hashrateAtWorkEhs', 'btcPerDay', 'evPerOperatingEhUsd', 'evPerInstalledEhUsd', 'mNavBasic', 'mNavEv',
  'marketCapUsd', 'enterpriseValueUsd', 'powerCostPerBtcUsd', 'directCostPerBtcUsd', 'cashCostPerBtcUsd', 'allInCostPerBtcUsd', 'totalCostPerBtcUsd',
  'powerHashcostUsdPerPhDay', 'powerMarginRatio', 'directMarginRatio', 'allInMarginRatio', 'breakEvenBtcPriceUsd', 'shutdownBtcPriceUsd',
  'liquidityRunwayMonths', 'miningValueUsd', 'hpcValueUsd', 'equityValueUsd', 'equityValuePerShareUsd', 'upsideToSharePriceRatio',
] as const;

/** Short names accepted by `sort`: EV/EH is EV per operating EH/s, mNAV the basic one, cost per BTC the power cost (most often known). */
export const SORT_ALIASES: Readonly<Record<string, (typeof COMPARABLE_METRICS)[number]>> = {
  evPerEhUsd: 'evPerOperatingEhUsd',
  mNav: 'mNavBasic',
  costPerBtcUsd: 'powerCostPerBtcUsd',
  upside: 'upsideToSharePriceRatio',
};

export const SORT_KEYS = [...Object.keys(SORT_ALIASES), ...COMPARABLE_METRICS, 'ticker'];

export const COMPARABLE_COLUMNS = [
  'ticker', 'name', 'asOf', 'knownAt', 'profileVersion', 'profileAsOf', ...COMPARABLE_METRICS, 'valuationId', 'methodologyVersion', 'sources',
] as const;

export type ComparableRow = Record<(typeof COMPARABLE_COLUMNS)[number], Cell>;

type Numbers = Record<string, number | null | undefined>;

/** One company's line of the comparables table, flattened from its stored valuation, with every source its profile cites. */
export function comparableRow(stored: StoredValuation): ComparableRow {
  const valued = stored.valued as { resultJson?: string; sharePriceUsd?: number; btcPriceUsd?: number; lineage?: { methodologyVersion?: string } };
  const result = JSON.parse(valued.resultJson ?? '{}') as { metrics?: Numbers & { name?: string }; valuation?: Numbers };
  const figures: Numbers = { ...(result.metrics ?? {}), ...(result.valuation ?? {}) };
  const profile = JSON.parse(stored.profileJson) as { name?: string; asOf?: string };
  const metrics = Object.fromEntries(COMPARABLE_METRICS.map((name) => [name, figures[name] ?? null])) as Record<(typeof COMPARABLE_METRICS)[number], number | null>;
  metrics.btcPriceUsd = valued.btcPriceUsd ?? null;
  metrics.sharePriceUsd = valued.sharePriceUsd ?? null;
  return {
    ticker: stored.ticker,
    name: profile.name ?? null,
    asOf: stored.asOf.toISOString(),
    knownAt: stored.knownAt.toISOString(),
    profileVersion: stored.profileVersion,
    profileAsOf: profile.asOf ?? null,
    ...metrics,
    valuationId: stored.valuationId,
    methodologyVersion: valued.lineage?.methodologyVersion ?? null,
    sources: sourcesOf(JSON.parse(stored.profileJson)),
  };
}

/** Every distinct `source` of a known figure in the profile, in document order. */
export function sourcesOf(profile: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (typeof object['source'] === 'string' && object['value'] !== null) found.add(object['source']);
    Object.values(object).forEach(walk);
  };
  walk(profile);
  return [...found];
}

/** Sorts by a metric; unknown values (null) go last whatever the order, ties by ticker. */
export function sortComparables(rows: ComparableRow[], sort: string, order: 'asc' | 'desc'): ComparableRow[] {
  const key = SORT_ALIASES[sort] ?? sort;
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key as keyof ComparableRow];
    const y = b[key as keyof ComparableRow];
    if (x === null || x === undefined) return y === null || y === undefined ? String(a.ticker).localeCompare(String(b.ticker)) : 1;
    if (y === null || y === undefined) return -1;
    const compared = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return compared !== 0 ? sign * compared : String(a.ticker).localeCompare(String(b.ticker));
  });
}
