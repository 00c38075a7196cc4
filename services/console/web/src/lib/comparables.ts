// GET /v1/comparables rows → the Miners table (columns, sort) and the cost vs EV/EH scatter.
import type { ValueKind } from './format';

export type ComparableRow = Record<string, unknown> & { ticker: string; name: string | null; asOf: string; sources?: string[] };

export interface ColumnDef {
  key: string;
  label: string;
  kind: ValueKind;
}

/** Every column the table can show, in display order; `DEFAULT_COLUMNS` are shown until the user chooses. */
export const COLUMNS: readonly ColumnDef[] = [
  { key: 'ticker', label: 'Ticker', kind: 'text' },
  { key: 'name', label: 'Company', kind: 'text' },
  { key: 'asOf', label: 'As of', kind: 'day' },
  { key: 'profileAsOf', label: 'Profile period', kind: 'text' },
  { key: 'sharePriceUsd', label: 'Share price', kind: 'usd' },
  { key: 'marketCapUsd', label: 'Market cap', kind: 'usdCompact' },
  { key: 'enterpriseValueUsd', label: 'EV', kind: 'usdCompact' },
  { key: 'hashrateAtWorkEhs', label: 'Hashrate', kind: 'ehs' },
  { key: 'btcPerDay', label: 'BTC/day', kind: 'number' },
  { key: 'evPerOperatingEhUsd', label: 'EV/EH (operating)', kind: 'usdCompact' },
  { key: 'evPerInstalledEhUsd', label: 'EV/EH (installed)', kind: 'usdCompact' },
  { key: 'mNavBasic', label: 'mNAV', kind: 'multiple' },
  { key: 'mNavEv', label: 'mNAV (EV)', kind: 'multiple' },
  { key: 'powerCostPerBtcUsd', label: 'Power cost/BTC', kind: 'usd' },
  { key: 'directCostPerBtcUsd', label: 'Direct cost/BTC', kind: 'usd' },
  { key: 'cashCostPerBtcUsd', label: 'Cash cost/BTC', kind: 'usd' },
  { key: 'allInCostPerBtcUsd', label: 'All-in cost/BTC', kind: 'usd' },
  { key: 'totalCostPerBtcUsd', label: 'Total cost/BTC', kind: 'usd' },
  { key: 'powerHashcostUsdPerPhDay', label: 'Power hashcost $/PH/day', kind: 'number' },
  { key: 'powerMarginRatio', label: 'Power margin', kind: 'ratioPct' },
  { key: 'allInMarginRatio', label: 'All-in margin', kind: 'ratioPct' },
  { key: 'breakEvenBtcPriceUsd', label: 'Break-even BTC', kind: 'usd' },
  { key: 'shutdownBtcPriceUsd', label: 'Shutdown BTC', kind: 'usd' },
  { key: 'liquidityRunwayMonths', label: 'Runway', kind: 'months' },
  { key: 'equityValuePerShareUsd', label: 'Fair value/share', kind: 'usd' },
  { key: 'upsideToSharePriceRatio', label: 'Upside', kind: 'ratioPct' },
];

export const DEFAULT_COLUMNS = ['ticker', 'name', 'asOf', 'sharePriceUsd', 'marketCapUsd', 'hashrateAtWorkEhs', 'evPerOperatingEhUsd', 'mNavBasic', 'powerCostPerBtcUsd', 'allInCostPerBtcUsd', 'powerMarginRatio'];

/** Cost definitions, cheapest first; the scatter's y axis is one of them. */
export const COST_DEFINITIONS = [
  { key: 'allInCostPerBtcUsd', label: 'all-in' },
  { key: 'totalCostPerBtcUsd', label: 'total' },
  { key: 'cashCostPerBtcUsd', label: 'cash' },
  { key: 'directCostPerBtcUsd', label: 'direct' },
  { key: 'powerCostPerBtcUsd', label: 'power' },
] as const;

/** The chosen column keys from "ticker,name,…", known keys only, ticker always first. */
export function parseColumns(list: string): string[] {
  const known = new Set(COLUMNS.map((c) => c.key));
  const chosen = list.split(',').map((s) => s.trim()).filter((k) => known.has(k) && k !== 'ticker');
  return ['ticker', ...new Set(chosen)];
}

/** Sorted by a column; unknown values last whatever the order, ties by ticker (as valuation sorts). */
export function sortRows(rows: ComparableRow[], key: string, order: 'asc' | 'desc'): ComparableRow[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const xMissing = x === null || x === undefined;
    const yMissing = y === null || y === undefined;
    if (xMissing || yMissing) return xMissing && yMissing ? a.ticker.localeCompare(b.ticker) : xMissing ? 1 : -1;
    const compared = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return compared !== 0 ? sign * compared : a.ticker.localeCompare(b.ticker);
  });
}

export interface ScatterPoint {
  ticker: string;
  evPerEhUsd: number;
  costPerBtcUsd: number;
  hashrateEhs: number;
}

/** One bubble per company that has EV/EH, the cost by `costKey` and a hashrate; the others are listed as left out. */
export function scatterPoints(rows: ComparableRow[], costKey: string): { points: ScatterPoint[]; leftOut: string[] } {
  const points: ScatterPoint[] = [];
  const leftOut: string[] = [];
  for (const row of rows) {
    const ev = row.evPerOperatingEhUsd;
    const cost = row[costKey];
    const eh = row.hashrateAtWorkEhs;
    if (typeof ev === 'number' && typeof cost === 'number' && typeof eh === 'number') points.push({ ticker: row.ticker, evPerEhUsd: ev, costPerBtcUsd: cost, hashrateEhs: eh });
    else leftOut.push(row.ticker);
  }
  return { points, leftOut };
}

/** Bubble diameter in px: area proportional to EH/s, between 8 and 60 px. */
export function bubbleSizePx(hashrateEhs: number, largestEhs: number): number {
  if (!(largestEhs > 0) || !(hashrateEhs > 0)) return 8;
  return Math.max(8, Math.round(60 * Math.sqrt(hashrateEhs / largestEhs)));
}

/**
 * The scatter's cost definition: the one asked for; when that is the default and no company has it, the
 * definition that places the most companies (an empty default chart would hide what exists).
 */
export function chooseCostDefinition(rows: ComparableRow[], asked: string, isDefault: boolean): { definition: (typeof COST_DEFINITIONS)[number]; fellBack: boolean } {
  const definition = COST_DEFINITIONS.find((d) => d.key === asked) ?? COST_DEFINITIONS[0];
  if (!isDefault || scatterPoints(rows, definition.key).points.length > 0) return { definition, fellBack: false };
  const best = [...COST_DEFINITIONS].sort((a, b) => scatterPoints(rows, b.key).points.length - scatterPoints(rows, a.key).points.length)[0];
  return scatterPoints(rows, best.key).points.length > 0 ? { definition: best, fellBack: true } : { definition, fellBack: false };
}
