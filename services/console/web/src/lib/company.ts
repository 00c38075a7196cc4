// A company's valuations, backtest and quarter-end valuations → the per-company page's series.
import type { Point } from './network';
import type { ComparableRow } from './comparables';
import { COST_DEFINITIONS } from './comparables';

export interface BacktestQuarter {
  periodEnd: string;
  periodLabel: string;
  hashrateEhs: number | null;
  costs: Array<{ definition: string; reportedUsdPerBtc: number | null; modelledUsdPerBtc: number | null; errorRatio: number | null; source: string | null }>;
}

export interface ReportedCostPoint {
  time: number;
  periodLabel: string;
  definition: string;
  reportedUsdPerBtc: number;
  modelledUsdPerBtc: number | null;
  source: string | null;
}

const at = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T23:59:59Z` : iso);
const known = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Cost per BTC by each definition over time, plus the BTC price, from the valuation history (comparable rows). */
export function costSeries(history: ComparableRow[]): { byDefinition: Array<{ key: string; label: string; points: Point[] }>; btcPriceUsd: Point[]; hashrateEhs: Point[] } {
  const rows = [...history].sort((a, b) => at(a.asOf) - at(b.asOf));
  const series = (key: string): Point[] => rows.flatMap((r) => (known(r[key]) ? [[at(r.asOf), r[key] as number] as Point] : []));
  return {
    // Definitions the company never has a figure for are left out rather than drawn empty.
    byDefinition: COST_DEFINITIONS.map((d) => ({ key: d.key, label: `${d.label} cost/BTC`, points: series(d.key) })).filter((s) => s.points.length > 0),
    btcPriceUsd: series('btcPriceUsd'),
    hashrateEhs: series('hashrateAtWorkEhs'),
  };
}

/** The company's reported cost to mine, quarter by quarter, beside the model's (the backtest). */
export function reportedCosts(quarters: BacktestQuarter[]): ReportedCostPoint[] {
  return quarters.flatMap((q) => q.costs
    .filter((c) => known(c.reportedUsdPerBtc))
    .map((c) => ({
      time: at(q.periodEnd), periodLabel: q.periodLabel, definition: c.definition,
      reportedUsdPerBtc: c.reportedUsdPerBtc as number, modelledUsdPerBtc: c.modelledUsdPerBtc, source: c.source,
    })));
}

/** Quarter ends already past, oldest first: the as-of times of the fleet-efficiency samples. */
export function pastQuarterEnds(quarters: BacktestQuarter[], now = Date.now()): string[] {
  return quarters.map((q) => q.periodEnd).filter((d) => at(d) <= now).sort();
}

/** Fleet efficiency in J/TH = fleet power (MW) ÷ hashrate at work (EH/s): 1 MW per EH/s is 1 J/TH. */
export function joulesPerTh(fleetPowerMw: unknown, hashrateEhs: unknown): number | null {
  return known(fleetPowerMw) && known(hashrateEhs) && hashrateEhs > 0 ? fleetPowerMw / hashrateEhs : null;
}

export interface FullValuation {
  asOf: string;
  lineage?: { inputs?: Array<{ eventId: string; eventType: string; eventTime: string }>; methodologyVersion?: string };
  metrics?: Record<string, unknown>;
  valuation?: Record<string, unknown>;
}

/** J/TH at each quarter-end valuation that has both figures. */
export function efficiencySeries(valuations: Array<FullValuation | null>): Point[] {
  return valuations.flatMap((v) => {
    const jth = v ? joulesPerTh(v.metrics?.fleetPowerMw, v.metrics?.hashrateAtWorkEhs) : null;
    return v && jth !== null ? [[at(v.asOf), jth] as Point] : [];
  });
}

export interface BalanceSheetLine {
  label: string;
  value: number | null;
  kind: 'usd' | 'btc' | 'months';
}

/** The balance-sheet figures the services serve: liquidity and BTC from the valuation, net debt and convertibles from risk. */
export function balanceSheet(latest: FullValuation | null, risk: Record<string, unknown> | null): BalanceSheetLine[] {
  const m = latest?.metrics ?? {};
  const num = (v: unknown) => (known(v) ? v : null);
  const btcPrice = num((m.market as Record<string, unknown> | undefined)?.btcPriceUsd);
  const btcHoldingsUsd = num(m.btcHoldingsUsd);
  const liquidityUsd = num(m.liquidityUsd);
  return [
    { label: 'Cash (liquidity less BTC)', value: liquidityUsd !== null && btcHoldingsUsd !== null ? liquidityUsd - btcHoldingsUsd : null, kind: 'usd' },
    { label: 'BTC held', value: btcHoldingsUsd !== null && btcPrice ? btcHoldingsUsd / btcPrice : null, kind: 'btc' },
    { label: 'BTC held (USD)', value: btcHoldingsUsd, kind: 'usd' },
    { label: 'Liquidity', value: liquidityUsd, kind: 'usd' },
    { label: 'Net debt', value: num(risk?.netDebtUsd), kind: 'usd' },
    { label: 'Convertible notes', value: num(risk?.convertibleNotesUsd), kind: 'usd' },
    { label: 'Runway', value: num(m.liquidityRunwayMonths), kind: 'months' },
  ];
}

export interface TimelineEvent {
  time: number;
  lane: 'HPC contract' | 'Power' | 'Convertible' | 'Policy';
  label: string;
  source: string | null;
}

/** Contracts and sites (from the figures), the priced power parts of the newest valuation and policy events on one time axis. */
export function timelineEvents(latest: FullValuation | null, policyEvents: Array<Record<string, unknown>>, figures: FigureRow[] = []): TimelineEvent[] {
  const events: TimelineEvent[] = contractEvents(figures);
  const valuationDay = latest ? at(latest.asOf) : Date.now();
  const mix = latest?.metrics?.powerPriceMix as { parts?: Array<Record<string, unknown>> } | undefined;
  for (const part of mix?.parts ?? []) {
    events.push({ time: valuationDay, lane: 'Power', label: `${String(part.name)}: ${String(part.mw)} MW at ${String(part.powerUsdPerKwh)} $/kWh (${String(part.kind)})`, source: null });
  }
  for (const p of policyEvents) {
    const day = String(p.effectiveDate ?? p.effectiveOn ?? p.asOf ?? p.eventTime ?? '');
    if (!day || Number.isNaN(at(day))) continue;
    events.push({ time: at(day), lane: 'Policy', label: `${String(p.jurisdiction ?? '')} ${String(p.kind ?? '')} (impact ${String(p.impact ?? '?')})`.trim(), source: typeof p.source === 'string' ? p.source : typeof p.sourceUrl === 'string' ? p.sourceUrl : null });
  }
  return events.sort((a, b) => a.time - b.time);
}

/** Every link a figure on the page traces to: the profile's sources and the reported costs' sources, once each. */
export function lineageSources(row: ComparableRow | null, reported: ReportedCostPoint[]): string[] {
  return [...new Set([...(row?.sources ?? []), ...reported.flatMap((r) => (r.source ? [r.source] : []))])].filter((s) => /^https?:\/\//.test(s));
}

/** One figure of a profile version with its lineage, as valuation's /figures serves it. */
export interface FigureRow {
  version: number;
  periodEnd: string | null;
  field: string;
  value: number | string | boolean | null;
  asOf: string | null;
  knownAt: string | null;
  source: string | null;
  sourceQuality: string | null;
  excerpt: string | null;
  note: string | null;
}

export const BALANCE_SHEET_FIELDS = [
  { field: 'balanceSheet.cashUsd', label: 'Cash', unit: 'usd' },
  { field: 'balanceSheet.restrictedCashUsd', label: 'Restricted cash', unit: 'usd' },
  { field: 'balanceSheet.totalDebtUsd', label: 'Total debt', unit: 'usd' },
  { field: 'balanceSheet.convertibleNotesUsd', label: 'Convertible notes', unit: 'usd' },
  { field: 'balanceSheet.btcHeld', label: 'BTC held', unit: 'btc' },
] as const;

/** When a figure was true: its own day when it has one, else the end of its period. */
function figureTime(row: FigureRow): number | null {
  const day = row.asOf && /^\d{4}-\d{2}-\d{2}$/.test(row.asOf) ? row.asOf : row.periodEnd;
  return day ? at(day) : null;
}

/** One field's known values over time, one point per day (the newest version's). */
export function figureSeries(rows: FigureRow[], field: string): Point[] {
  const byTime = new Map<number, number>();
  for (const r of rows) {
    const time = figureTime(r);
    if (r.field === field && known(r.value) && time !== null) byTime.set(time, r.value);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]) as Point[];
}

/** Balance-sheet levels over time: each field's known values, one point per day (the newest version's). */
export function balanceSheetSeries(rows: FigureRow[]): Array<{ field: string; label: string; unit: 'usd' | 'btc'; points: Point[] }> {
  return BALANCE_SHEET_FIELDS.map(({ field, label, unit }) => ({ field, label, unit, points: figureSeries(rows, field) }));
}

/** The figures of the newest period served: the lineage table of the page. */
export function newestPeriodFigures(rows: FigureRow[]): FigureRow[] {
  const newest = rows.reduce<string | null>((max, r) => (r.periodEnd !== null && (max === null || r.periodEnd > max) ? r.periodEnd : max), null);
  return rows.filter((r) => r.periodEnd === newest);
}

const RECORD = /^(hpcContracts|power\.contracts|sites|convertibles)\[\d+\]$/;
const LANES: Record<string, TimelineEvent['lane']> = { hpcContracts: 'HPC contract', 'power.contracts': 'Power', sites: 'Power', convertibles: 'Convertible' };

/** HPC and power contracts, sites and convertible notes of the newest period, dated when announced, issued or known, with their source. */
export function contractEvents(rows: FigureRow[]): TimelineEvent[] {
  return newestPeriodFigures(rows).flatMap((r) => {
    const match = RECORD.exec(r.field);
    const day = r.asOf ?? r.knownAt;
    if (!match || !day || Number.isNaN(at(day.slice(0, 10)))) return [];
    return [{ time: at(day.slice(0, 10)), lane: LANES[match[1]], label: `${match[1] === 'sites' ? 'site ' : ''}${String(r.value)}`, source: r.source }];
  });
}
