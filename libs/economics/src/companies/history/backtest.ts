import { EconomicsInputError, EconomicsInputErrorCode } from '../../shared/economics-input.error';
import { companyMetrics } from '../company-metrics';
import type { CompanyProfile } from '../company-profile';
import { parseCompanyProfile } from '../parse-company-profile';
import { buildPeriodProfile } from './build-profile-versions';
import type { CompanyHistory } from './company-history';
import type { CostPerBtcDefinition } from '../cost-per-btc-definition';

/**
 * The model against what companies reported, quarter by quarter (no peer publishes this):
 *  - production: hashrate × the network's realised BTC per PH per day summed over the quarter's days,
 *    against the BTC the company reported mining;
 *  - cost per BTC: the model's cost per BTC by each definition, evaluated on the quarter's own profile
 *    at the quarter's mean market, against each cost to mine the company published (same definition).
 * Errors are (modelled − reported) ÷ reported.
 */

/** One day of the network: what a PH/s earned that day (block reward actually issued ÷ network hashrate). */
export interface NetworkDay {
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  /** Subsidy + mean fees per block that day, BTC. */
  readonly rewardBtcPerBlock: number;
  /** Realised network BTC per PH/s per day. */
  readonly btcPerPhDay: number;
  /** The day's mean subsidy and fees per block, when known separately. */
  readonly subsidyBtcPerBlock?: number;
  readonly feesBtcPerBlock?: number;
}

export type BacktestHashrateBasis = 'operating' | 'installed';

export interface BacktestCost {
  readonly definition: CostPerBtcDefinition;
  readonly reportedUsdPerBtc: number;
  readonly modelledUsdPerBtc: number | null;
  readonly errorRatio: number | null;
  readonly source: string | null;
}

export interface BacktestQuarter {
  readonly periodEnd: string;
  readonly periodLabel: string;
  /** Days of the quarter with network data. */
  readonly networkDays: number;
  readonly quarterDays: number;
  readonly hashrateEhs: number | null;
  readonly hashrateBasis: BacktestHashrateBasis | null;
  readonly hashrateAsOf: string | null;
  readonly modelledBtcProduced: number | null;
  readonly reportedBtcProduced: number | null;
  readonly productionErrorRatio: number | null;
  readonly modelledCostsPerBtc: Readonly<Record<CostPerBtcDefinition, number | null>>;
  readonly costs: readonly BacktestCost[];
  /** Why a comparison is missing. */
  readonly notes: readonly string[];
}

const PH_PER_EH = 1000;
const DEFINITION_METRIC: Record<CostPerBtcDefinition, 'powerCostPerBtcUsd' | 'directCostPerBtcUsd' | 'cashCostPerBtcUsd' | 'allInCostPerBtcUsd' | 'totalCostPerBtcUsd'> = {
  power: 'powerCostPerBtcUsd',
  direct: 'directCostPerBtcUsd',
  cash: 'cashCostPerBtcUsd',
  'all-in': 'allInCostPerBtcUsd',
  total: 'totalCostPerBtcUsd',
};

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const errorOf = (modelled: number | null, reported: number | null): number | null =>
  modelled === null || reported === null || reported === 0 ? null : (modelled - reported) / reported;

function daysBetween(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The last day an as-of label covers: 2024-Q1 → 2024-03-31, 2024-03 → 2024-03-31. */
function asOfEnd(asOf: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(asOf);
  if (q) return new Date(Date.UTC(Number(q[1]), Number(q[2]) * 3, 0)).toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})$/.exec(asOf);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
  const y = /^(?:FY)?(\d{4})$/.exec(asOf);
  return y ? `${y[1]}-12-31` : asOf;
}

/**
 * Operating hashrate when the quarter's profile has one dated in the quarter, else installed dated in
 * the quarter (the basis is named); a figure carried from an earlier quarter does not describe this one.
 */
function hashrateOf(profile: CompanyProfile): { ehs: number; basis: BacktestHashrateBasis; asOf: string | null } | null {
  const { operatingHashrateEhs: operating, installedHashrateEhs: installed } = profile.fleet;
  const inQuarter = (asOf: string | null) => asOf !== null && asOfEnd(asOf) >= profile.period.startDate && asOfEnd(asOf) <= profile.period.endDate;
  if (operating.value !== null && operating.value > 0 && inQuarter(operating.asOf)) return { ehs: operating.value, basis: 'operating', asOf: operating.asOf };
  if (installed.value !== null && installed.value > 0 && inQuarter(installed.asOf)) return { ehs: installed.value, basis: 'installed', asOf: installed.asOf };
  return null;
}

export function backtestQuarter(profile: CompanyProfile, days: readonly NetworkDay[]): BacktestQuarter {
  const { startDate, endDate } = profile.period;
  const inQuarter = days.filter((d) => d.date >= startDate && d.date <= endDate);
  const quarterDays = daysBetween(startDate, endDate);
  const notes: string[] = [];
  const hashrate = hashrateOf(profile);
  if (!hashrate) notes.push('no operating or installed hashrate dated in the quarter');
  if (inQuarter.length < quarterDays) notes.push(`network history covers ${inQuarter.length} of the quarter's ${quarterDays} days`);
  const complete = inQuarter.length === quarterDays;
  const modelledBtcProduced = hashrate && complete ? hashrate.ehs * PH_PER_EH * inQuarter.reduce((sum, d) => sum + d.btcPerPhDay, 0) : null;
  const reportedBtcProduced = profile.production.btcProducedInPeriod.value;
  if (reportedBtcProduced === null) notes.push('no reported production');

  const modelled = modelledCosts(profile, inQuarter, notes);
  const costs = profile.production.reportedCostsPerBtc
    .filter((c) => c.value !== null)
    .map((c) => ({
      definition: c.definition,
      reportedUsdPerBtc: c.value as number,
      modelledUsdPerBtc: modelled[c.definition],
      errorRatio: errorOf(modelled[c.definition], c.value),
      source: c.source,
    }));
  return {
    periodEnd: endDate,
    periodLabel: profile.period.label,
    networkDays: inQuarter.length,
    quarterDays,
    hashrateEhs: hashrate?.ehs ?? null,
    hashrateBasis: hashrate?.basis ?? null,
    hashrateAsOf: hashrate?.asOf ?? null,
    modelledBtcProduced,
    reportedBtcProduced,
    productionErrorRatio: errorOf(modelledBtcProduced, reportedBtcProduced),
    modelledCostsPerBtc: modelled,
    costs,
    notes,
  };
}

/** The model's cost per BTC by definition on the quarter's profile at the quarter's mean market. */
function modelledCosts(profile: CompanyProfile, days: readonly NetworkDay[], notes: string[]): Record<CostPerBtcDefinition, number | null> {
  const none = { power: null, direct: null, cash: null, 'all-in': null, total: null };
  if (days.length === 0) return none;
  try {
    const metrics = companyMetrics(profile, {
      btcPriceUsd: mean(days.map((d) => d.btcPriceUsd)),
      difficulty: mean(days.map((d) => d.difficulty)),
      subsidyBtc: mean(days.map((d) => d.rewardBtcPerBlock)),
      feesBtcPerBlock: 0, // the reward above already includes the fees
    });
    const costs = Object.fromEntries(
      (Object.keys(DEFINITION_METRIC) as CostPerBtcDefinition[]).map((d) => [d, metrics[DEFINITION_METRIC[d]]]),
    ) as Record<CostPerBtcDefinition, number | null>;
    const missing = Object.entries(metrics.missingInputs).filter(([name]) => Object.values(DEFINITION_METRIC).includes(name as never));
    if (missing.length > 0) notes.push(`modelled cost needs: ${[...new Set(missing.flatMap(([, inputs]) => inputs as string[]))].join(', ')}`);
    return costs;
  } catch (error) {
    if (!(error instanceof EconomicsInputError)) throw error;
    notes.push(`not modelled: ${error.message}`);
    return none;
  }
}

/** Median of |error| over the quarters that have one, or null. */
export function medianAbsoluteError(errors: ReadonlyArray<number | null>): number | null {
  const known = errors.filter((e): e is number => e !== null).map(Math.abs).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}

/** A network day from the daily history's columns (price, Coin Metrics hashrate, blocks, issuance, fees). */
export function networkDayFromDaily(row: { date: string; priceUsd: number; hashrateThs: number; blocks: number; issuanceBtc: number; feesBtc: number }): NetworkDay {
  const difficulty = (row.hashrateThs * 1e12 * 86_400) / (2 ** 32 * row.blocks);
  return {
    date: row.date,
    btcPriceUsd: row.priceUsd,
    difficulty,
    rewardBtcPerBlock: (row.issuanceBtc + row.feesBtc) / row.blocks,
    subsidyBtcPerBlock: row.issuanceBtc / row.blocks,
    feesBtcPerBlock: row.feesBtc / row.blocks,
    btcPerPhDay: (row.issuanceBtc + row.feesBtc) / (row.hashrateThs / 1000),
  };
}

export interface BacktestSummary {
  readonly ticker: string;
  readonly quarters: readonly BacktestQuarter[];
  /** Median |modelled − reported| ÷ reported over the quarters that have both. */
  readonly productionMedianAbsErrorRatio: number | null;
  readonly productionQuarters: number;
  readonly costMedianAbsErrorRatio: number | null;
  readonly costComparisons: number;
}

/** Backtests every period profile given (one per quarter, oldest first). */
export function summarizeBacktest(ticker: string, periodProfiles: readonly CompanyProfile[], days: readonly NetworkDay[]): BacktestSummary {
  const quarters = periodProfiles.map((p) => backtestQuarter(p, days));
  const production = quarters.map((q) => q.productionErrorRatio);
  const costs = quarters.flatMap((q) => q.costs.map((c) => c.errorRatio));
  return {
    ticker,
    quarters,
    productionMedianAbsErrorRatio: medianAbsoluteError(production),
    productionQuarters: production.filter((e) => e !== null).length,
    costMedianAbsErrorRatio: medianAbsoluteError(costs),
    costComparisons: costs.filter((e) => e !== null).length,
  };
}

/**
 * The quarter profiles a service can rebuild from the profile versions it received (it has no history
 * file): per period the newest version of that period, with its hashrate figures replaced by the newest
 * ones dated inside the quarter across all versions (a version's levels may be dated after its period).
 */
export function periodProfilesFromVersions(versions: readonly CompanyProfile[]): CompanyProfile[] {
  const byPeriod = new Map<string, CompanyProfile>();
  for (const v of versions) byPeriod.set(v.period.endDate, v); // versions oldest first: the last wins
  const within = (asOf: string | null, p: CompanyProfile) => asOf !== null && asOfEnd(asOf) >= p.period.startDate && asOfEnd(asOf) <= p.period.endDate;
  const newestIn = (p: CompanyProfile, pick: (v: CompanyProfile) => CompanyProfile['fleet']['operatingHashrateEhs']) =>
    versions.map(pick).filter((f) => f.value !== null && within(f.asOf, p)).sort((a, b) => asOfEnd(a.asOf as string).localeCompare(asOfEnd(b.asOf as string))).at(-1);
  return [...byPeriod.values()]
    .sort((a, b) => a.period.endDate.localeCompare(b.period.endDate))
    .map((p) => ({
      ...p,
      fleet: {
        ...p.fleet,
        operatingHashrateEhs: newestIn(p, (v) => v.fleet.operatingHashrateEhs) ?? { value: null, asOf: null, source: null, note: 'none dated in the quarter' },
        installedHashrateEhs: newestIn(p, (v) => v.fleet.installedHashrateEhs) ?? { value: null, asOf: null, source: null, note: 'none dated in the quarter' },
      },
    }));
}

/** Backtests a researched history: every quarter with a published figure, on its own period profile. */
export function backtestHistory(history: CompanyHistory, days: readonly NetworkDay[]): BacktestSummary {
  const profiles = history.quarters
    .map((q) => buildPeriodProfile(history, q.periodEnd))
    .filter((p): p is Record<string, unknown> => p !== null)
    .map((p) => parseCompanyProfile(p));
  return summarizeBacktest(history.ticker, profiles, days);
}

/**
 * The daily history CSV (date, price_usd, hashrate_ths, blocks, issuance_btc, fees_btc; the bundled
 * data/reference/network-daily.csv) as NetworkDays. The caller reads the file; this library never does.
 */
export function networkDaysFromDailyCsv(csv: string): NetworkDay[] {
  const [header, ...lines] = csv.trim().split('\n');
  const column = new Map(header.split(',').map((name, i) => [name.trim(), i]));
  for (const name of ['date', 'price_usd', 'hashrate_ths', 'blocks', 'issuance_btc', 'fees_btc']) {
    if (!column.has(name)) throw new EconomicsInputError(name, EconomicsInputErrorCode.MISSING, 'the daily history needs this column');
  }
  return lines.map((line) => {
    const cells = line.split(',');
    const at = (name: string) => Number(cells[column.get(name) as number]);
    return networkDayFromDaily({
      date: cells[column.get('date') as number], priceUsd: at('price_usd'), hashrateThs: at('hashrate_ths'), blocks: at('blocks'), issuanceBtc: at('issuance_btc'), feesBtc: at('fees_btc'),
    });
  });
}
