import type { CompanyHistory, HistoryFigure, HistoryQuarter } from './company-history';
import { HISTORY_FIELDS } from './history-fields';

/**
 * Turns a researched company history into the profile versions a desk would have held over time:
 * one version each time a source was published that changed what was known (point in time).
 *
 * At a known-at time T:
 *  - the profile's period is the newest quarter with a flow figure (production, revenue, costs)
 *    published by T: flows come from that quarter only, never from another period;
 *  - levels (hashrate, BTC held, cash, debt, shares) are the newest published by T, from a quarter
 *    or a monthly update, each with its own asOf;
 *  - of two figures for the same slot, the primary source wins, then the later publication (a
 *    restatement); the other is named in the note, never dropped silently.
 * A source published on day D is used from D+1 00:00Z on: its time of day is not recorded, so
 * a valuation dated D never sees it (no look-ahead).
 */

export interface BuiltProfileVersion {
  ticker: string;
  periodEnd: string;
  /** When this version became usable: the day after its newest source was published, 00:00Z. */
  knownAt: string;
  profile: Record<string, unknown>;
  /** The newest closing share price published by then (kept beside the profile), if any. */
  sharePrice: { priceUsd: number; asOf: string; source: string } | null;
}

type FigureJson = Record<string, unknown>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_NULL_REASON = 'not found in the sources read';
const DAY_MS = 86_400_000;

/** A source published on day D (YYYY-MM-DD) counts from the start of D+1 (UTC). */
export function usableFrom(publishedOn: string): string {
  return new Date(Date.parse(`${publishedOn}T00:00:00Z`) + DAY_MS).toISOString();
}

const better = (a: HistoryFigure, b: HistoryFigure): HistoryFigure => {
  if (a.sourceQuality !== b.sourceQuality) return a.sourceQuality === 'primary' ? a : b;
  return a.knownAt >= b.knownAt ? a : b;
};

function figureJson(chosen: HistoryFigure, all: HistoryFigure[]): FigureJson {
  const others = all.filter((f) => f !== chosen && f.value !== chosen.value);
  const notes = [chosen.term ? `The company's term: ${chosen.term}.` : null, chosen.note ?? null];
  if (chosen.kind === 'month') notes.push(`From the monthly update for ${chosen.asOf}.`);
  for (const o of others) notes.push(`Conflicting ${o.sourceQuality} source (${o.knownAt}) states ${o.value} ${o.unit}: ${o.source}`);
  const note = notes.filter(Boolean).join(' ');
  return {
    value: chosen.value,
    asOf: chosen.asOf,
    knownAt: chosen.knownAt,
    source: chosen.source,
    sourceQuality: chosen.sourceQuality,
    excerpt: chosen.excerpt,
    ...(note ? { note } : {}),
  };
}

function nullFigure(history: CompanyHistory, field: string, periodEnd: string): FigureJson {
  const entry = history.nulls.find((n) => n.field === field && (n.periodEnd === periodEnd || n.periodEnd === '*'));
  return { value: null, asOf: null, knownAt: null, source: null, note: entry?.reason ?? DEFAULT_NULL_REASON };
}

/** Derived figures say so, name their inputs, and are known when the later input is. */
function derivedFigure(minuend: FigureJson, subtrahend: FigureJson, what: string): FigureJson | undefined {
  if (typeof minuend.value !== 'number' || typeof subtrahend.value !== 'number' || minuend.value < subtrahend.value) return undefined;
  return {
    value: minuend.value - subtrahend.value,
    asOf: minuend.asOf,
    knownAt: [minuend.knownAt, subtrahend.knownAt].sort().at(-1),
    source: `${String(minuend.source)} ; ${String(subtrahend.source)}`,
    sourceQuality: minuend.sourceQuality === 'primary' && subtrahend.sourceQuality === 'primary' ? 'primary' : 'secondary',
    note: `derived: ${what}`,
  };
}

interface Cut {
  at: string; // YYYY-MM-DD publication day
  quarter?: HistoryQuarter;
}

/** The day a figure's state refers to: a month's or quarter's end, or its own date. */
const levelEnd = (f: HistoryFigure): string => (f.kind === 'month' || f.asOf.length < 10 ? f.periodEnd : f.asOf);

/**
 * The profile as known once every source published on or before `cut.at` was read: of the newest
 * quarter with results, or (a period view) of `cut.quarter` with levels dated no later than its end.
 */
function profileAt(history: CompanyHistory, quarters: HistoryQuarter[], cut: Cut): { periodEnd: string; profile: Record<string, unknown> } | undefined {
  const published = history.figures.filter((f) => f.knownAt <= cut.at);
  const flowQuarters = new Set(published.filter((f) => (f.kind ?? 'quarter') === 'quarter' && HISTORY_FIELDS[f.field]?.flow).map((f) => f.periodEnd));
  const quarter = cut.quarter ?? [...quarters].reverse().find((q) => flowQuarters.has(q.periodEnd));
  if (!quarter) return undefined;
  const known = cut.quarter ? published.filter((f) => levelEnd(f) <= cut.quarter!.periodEnd) : published;

  const slot = (field: string): FigureJson => {
    const spec = HISTORY_FIELDS[field];
    const candidates = spec.flow
      ? known.filter((f) => f.field === field && f.periodEnd === quarter.periodEnd && (f.kind ?? 'quarter') === 'quarter')
      : newestLevel(known.filter((f) => f.field === field));
    if (candidates.length === 0) return nullFigure(history, field, quarter.periodEnd);
    const chosen = candidates.reduce(better);
    if (!spec.flow && isStaleLevel(chosen, quarter.periodEnd)) return staleLevelFigure(history, chosen, quarter.periodEnd);
    return figureJson(chosen, candidates);
  };

  const opex = {
    costOfRevenueUsdInPeriod: slot('opex.costOfRevenueUsdInPeriod'),
    powerCostUsdInPeriod: slot('opex.powerCostUsdInPeriod'),
    sgaUsdInPeriod: slot('opex.sgaUsdInPeriod'),
    sbcUsdInPeriod: slot('opex.sbcUsdInPeriod'),
    depreciationUsdInPeriod: slot('opex.depreciationUsdInPeriod'),
    interestExpenseUsdInPeriod: slot('opex.interestExpenseUsdInPeriod'),
  };
  const sgaExSbc = slot('opex.sgaExSbcUsdInPeriod');
  const otherDirect =
    derivedFigure(opex.costOfRevenueUsdInPeriod, opex.powerCostUsdInPeriod, 'cost of revenue − power cost (cost of revenue as reported, all segments)') ??
    { value: null, asOf: null, knownAt: null, source: null, note: 'needs cost of revenue and power cost of the same period' };
  const costs = history.figures
    .filter((f) => f.field === 'production.reportedCostPerBtc' && f.periodEnd === quarter.periodEnd && f.knownAt <= cut.at)
    .map((f) => ({ definition: f.definition, ...figureJson(f, []) }));

  const profile: Record<string, unknown> = {
    schemaVersion: 1,
    ticker: history.ticker,
    name: history.name,
    period: { label: quarter.label, startDate: quarter.startDate, endDate: quarter.periodEnd },
    asOf: quarter.periodEnd,
    knownAt: usableFrom(cut.at),
    ...(history.delisted ? { delistedOn: history.delisted } : {}),
    fleet: {
      installedHashrateEhs: slot('fleet.installedHashrateEhs'),
      operatingHashrateEhs: slot('fleet.operatingHashrateEhs'),
      efficiencyJth: slot('fleet.efficiencyJth'),
      powerCapacityMw: slot('fleet.powerCapacityMw'),
    },
    power: {
      averagePriceUsdPerKwh: slot('power.averagePriceUsdPerKwh'),
      priceBasis: 'unknown',
      creditsUsdInPeriod: slot('power.creditsUsdInPeriod'),
      curtailmentRatio: nullFigure(history, 'power.curtailmentRatio', quarter.periodEnd),
      contracts: powerContractsAt(history, cut.at),
    },
    production: {
      btcProducedInPeriod: slot('production.btcProducedInPeriod'),
      btcSoldInPeriod: slot('production.btcSoldInPeriod'),
      reportedCostsPerBtc: costs,
    },
    opex: {
      powerCostUsdInPeriod: opex.powerCostUsdInPeriod,
      otherDirectCostUsdInPeriod: otherDirect,
      sgaExSbcUsdInPeriod: sgaExSbc.value !== null ? sgaExSbc : (derivedFigure(opex.sgaUsdInPeriod, opex.sbcUsdInPeriod, 'SG&A − stock-based compensation') ?? sgaExSbc),
      interestExpenseUsdInPeriod: opex.interestExpenseUsdInPeriod,
      depreciationUsdInPeriod: opex.depreciationUsdInPeriod,
      sbcUsdInPeriod: opex.sbcUsdInPeriod,
      costOfRevenueUsdInPeriod: opex.costOfRevenueUsdInPeriod,
      sgaUsdInPeriod: opex.sgaUsdInPeriod,
    },
    revenue: {
      totalUsdInPeriod: slot('revenue.totalUsdInPeriod'),
      miningUsdInPeriod: slot('revenue.miningUsdInPeriod'),
      hostingUsdInPeriod: slot('revenue.hostingUsdInPeriod'),
      hpcUsdInPeriod: slot('revenue.hpcUsdInPeriod'),
    },
    income: {
      netIncomeUsdInPeriod: slot('income.netIncomeUsdInPeriod'),
      adjustedEbitdaUsdInPeriod: slot('income.adjustedEbitdaUsdInPeriod'),
    },
    capex: { capexUsdInPeriod: slot('capex.capexUsdInPeriod') },
    hpcContracts: hpcContractsAt(history, cut.at),
    balanceSheet: {
      btcHeld: slot('balanceSheet.btcHeld'),
      btcPledgedOrLoaned: slot('balanceSheet.btcPledgedOrLoaned'),
      cashUsd: slot('balanceSheet.cashUsd'),
      restrictedCashUsd: slot('balanceSheet.restrictedCashUsd'),
      totalDebtUsd: slot('balanceSheet.totalDebtUsd'),
      convertibleNotesUsd: slot('balanceSheet.convertibleNotesUsd'),
      sharesOutstanding: slot('balanceSheet.sharesOutstanding'),
    },
    sites: history.sites.filter((s) => s.knownAt <= cut.at).map((s) => ({ ...s })),
    convertibles: history.convertibles.filter((c) => c.knownAt <= cut.at).map((c) => ({ ...c })),
  };
  return { periodEnd: quarter.periodEnd, profile };
}

/**
 * A level (cash, debt, shares, hashrate…) older than this before the profile's period end is not carried
 * forward: a balance from two quarters back still describes the company, one from two years back is a guess.
 */
export const MAX_LEVEL_AGE_DAYS = 184;

function isStaleLevel(figure: HistoryFigure, periodEnd: string): boolean {
  return Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${levelEnd(figure)}T00:00:00Z`) > MAX_LEVEL_AGE_DAYS * DAY_MS;
}

/** Null, naming the newest figure that was found and why it is not used. */
function staleLevelFigure(history: CompanyHistory, stale: HistoryFigure, periodEnd: string): FigureJson {
  const found = nullFigure(history, stale.field, periodEnd);
  const why = `the newest figure found (${stale.value} ${stale.unit} at ${levelEnd(stale)}) is more than ${MAX_LEVEL_AGE_DAYS} days before the period end ${periodEnd}, so it is not carried forward`;
  return { ...found, note: found.note === DEFAULT_NULL_REASON ? why : `${String(found.note)}; ${why}` };
}

/** The figures dated at the newest as-of among those given (a level's latest state). */
function newestLevel(figures: HistoryFigure[]): HistoryFigure[] {
  if (figures.length === 0) return [];
  const newest = figures.map(levelEnd).sort().at(-1);
  return figures.filter((f) => levelEnd(f) === newest);
}

const figureOf = (value: number | null | undefined, record: { knownAt: string; source: string; sourceQuality: string; excerpt: string }, asOf: string | null = null): FigureJson =>
  value === null || value === undefined
    ? { value: null, asOf: null, knownAt: null, source: null, note: 'not stated in the source' }
    : { value, asOf: asOf ?? record.knownAt, knownAt: record.knownAt, source: record.source, sourceQuality: record.sourceQuality, excerpt: record.excerpt };

function hpcContractsAt(history: CompanyHistory, at: string): unknown[] {
  return history.hpcContracts
    .filter((c) => c.knownAt <= at)
    .map((c) => ({
      counterparty: c.counterparty || 'undisclosed counterparty',
      contractType: c.contractType === 'cloud-service' ? 'cloud-service' : 'colocation-lease',
      phase: c.start && ISO_DAY.test(c.start) && c.start <= at ? 'operating' : 'contracted',
      status: c.note ?? 'announced',
      announced: c.announced && ISO_DAY.test(c.announced) ? c.announced : c.knownAt,
      criticalItMw: figureOf(c.criticalItMw, c),
      capacityBasis: 'critical IT (as announced)',
      termYears: figureOf(c.termYears, c),
      contractValueUsd: figureOf(c.contractValueUsd, c),
      usdPerKwMonth: { value: null, asOf: null, source: null, note: 'not published; TCV / (years · 12 · MW · 1000) is an average only' },
      noiMarginRatio: { value: null, asOf: null, source: null, note: 'not published' },
      annualEscalatorRatio: { value: null, asOf: null, source: null, note: 'not published' },
      rentStartDate: c.start && ISO_DAY.test(c.start)
        ? { value: c.start, asOf: c.knownAt, source: c.source, sourceQuality: c.sourceQuality }
        : { value: null, asOf: null, source: null, note: c.start ? `published only as "${c.start}"` : 'not published' },
      remainingBuildCapexUsd: { value: null, asOf: null, source: null, note: 'not published' },
      source: c.source,
      sourceQuality: c.sourceQuality,
      note: c.excerpt,
    }));
}

function powerContractsAt(history: CompanyHistory, at: string): unknown[] {
  return history.powerContracts
    .filter((c) => c.knownAt <= at && !(c.end && c.end < at))
    .map((c) => ({
      name: c.counterparty || 'undisclosed counterparty',
      kind: c.kind === 'fixed' ? 'fixed-price' : c.kind === 'index' ? 'index' : c.kind === 'ppa' ? 'ppa' : 'unknown',
      capacityMw: figureOf(c.capacityMw, c),
      priceUsdPerKwh: figureOf(c.priceUsdPerKwh, c),
      termYears: { value: null, asOf: null, source: null, note: c.end ? `runs ${c.start ?? '?'} … ${c.end}` : 'term not published' },
      ...(c.end && ISO_DAY.test(c.end) ? { endDate: c.end } : {}),
      note: c.excerpt,
    }));
}

function sharePriceAt(history: CompanyHistory, at: string): BuiltProfileVersion['sharePrice'] {
  const prices = history.figures.filter((f) => f.field === 'market.sharePriceUsd' && f.knownAt <= at && /^\d{4}-\d{2}-\d{2}$/.test(f.asOf));
  const newest = prices.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.knownAt.localeCompare(b.knownAt)).at(-1);
  return newest ? { priceUsd: newest.value, asOf: newest.asOf, source: newest.source } : null;
}

/** Every version of the company's profile, oldest first; a publication that changes nothing adds none. */
export function buildProfileVersions(history: CompanyHistory): BuiltProfileVersion[] {
  const quarters = [...history.quarters].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const days = [...new Set([...history.figures, ...history.hpcContracts, ...history.powerContracts, ...history.sites, ...history.convertibles].map((f) => f.knownAt))].sort();
  const versions: BuiltProfileVersion[] = [];
  let previous = '';
  for (const at of days) {
    const built = profileAt(history, quarters, { at });
    if (!built) continue;
    const { knownAt: _knownAt, ...content } = built.profile;
    const sharePrice = sharePriceAt(history, at);
    const fingerprint = JSON.stringify([content, sharePrice]);
    if (fingerprint === previous) continue;
    previous = fingerprint;
    versions.push({ ticker: history.ticker, periodEnd: built.periodEnd, knownAt: usableFrom(at), profile: built.profile, sharePrice });
  }
  return versions;
}

/**
 * Each quarter's own profile as known at `knownAt` (YYYY-MM-DD; default: everything): flows of the
 * quarter, levels dated at or before its end. What `hashdesk profile --period-end` prints and the
 * backtest compares; null for a quarter with nothing published by then.
 */
export function buildPeriodProfile(history: CompanyHistory, periodEnd: string, knownAt = '9999-12-31'): Record<string, unknown> | null {
  const quarter = history.quarters.find((q) => q.periodEnd === periodEnd);
  if (!quarter) return null;
  const anything = history.figures.some((f) => f.periodEnd === periodEnd && (f.kind ?? 'quarter') === 'quarter' && f.knownAt <= knownAt);
  if (!anything) return null;
  const built = profileAt(history, history.quarters, { at: knownAt, quarter });
  if (!built) return null;
  const newest = history.figures.filter((f) => f.knownAt <= knownAt && f.periodEnd === periodEnd).map((f) => f.knownAt).sort().at(-1) as string;
  return { ...built.profile, knownAt: usableFrom(newest) };
}
