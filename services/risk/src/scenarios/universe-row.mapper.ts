import { RISK_SCORE_WEIGHTS, STANDING_SCENARIOS, type RiskScoreComponent } from '@hashdesk/economics';
import type { Cell } from '@hashdesk/platform';
import type { StoredScenarioEvaluation } from './scenario-evaluations.repository';

/*
 * One company's stored scenario evaluation as one flat row of the universe table. Column names carry
 * their unit (Usd, Ratio, Months, PerMonth, 0To100, 0To1). A scenario's columns are
 * `<scenario slug>.<metric>`; the scenarios are the current standing set, so the columns do not
 * depend on which evaluations are stored (a scenario an older evaluation lacks is null). An empty
 * runway with a cash flow ≥ 0 means no burn (unbounded), as in the stored figures.
 */

/** The base market's figures, each a column `base.<metric>`. */
export const BASE_METRICS = [
  'allInMarginRatio', 'directMarginRatio', 'allInCostPerBtcUsd', 'breakEvenBtcPriceUsd', 'ebitdaRunRateUsdPerYear', 'netCashFlowUsdPerMonth',
  'liquidityRunwayMonths', 'equityValuePerShareUsd',
] as const;

/** Each standing scenario's key outputs, each a column `<scenario slug>.<metric>`. */
export const SCENARIO_METRICS = ['allInMarginRatio', 'netCashFlowUsdPerMonth', 'liquidityRunwayMonths', 'breakEvenBtcPriceUsd', 'equityValuePerShareChangeRatio'] as const;

const COMPONENTS = Object.keys(RISK_SCORE_WEIGHTS) as RiskScoreComponent[];
const componentColumn = (c: RiskScoreComponent): string => `${c}Component0To1`;

/** "btc −20 % & difficulty +10 %" → "btc-minus-20-pct-and-difficulty-plus-10-pct": a column prefix without spaces or signs. */
export function scenarioSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[−-]/g, ' minus ')
    .replace(/\+/g, ' plus ')
    .replace(/%/g, ' pct ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const SCENARIO_COLUMNS = STANDING_SCENARIOS.flatMap((s) => SCENARIO_METRICS.map((m) => `${scenarioSlug(s.name)}.${m}`));

/** The market and risk-score columns that lead each row. */
const HEAD_METRICS = ['btcPriceUsd', 'hashpriceUsdPerPhDay', 'sharePriceUsd', 'riskScore0To100', ...COMPONENTS.map(componentColumn)];

/** Numeric columns (all sortable). */
export const UNIVERSE_METRICS: readonly string[] = [...HEAD_METRICS, ...BASE_METRICS.map((m) => `base.${m}`), ...SCENARIO_COLUMNS];

export const UNIVERSE_COLUMNS: readonly string[] = [
  'ticker', 'asOf', 'knownAt', 'valuationEventTime', ...HEAD_METRICS, 'unknownRiskComponents',
  ...BASE_METRICS.map((m) => `base.${m}`), ...SCENARIO_COLUMNS, 'evaluationId', 'valuationId', 'valuationEventId',
];

/** Sortable by any numeric column, by ticker or by as-of. */
export const UNIVERSE_SORT_KEYS: readonly string[] = ['ticker', 'asOf', 'valuationEventTime', ...UNIVERSE_METRICS];

export type UniverseRow = Record<string, Cell>;

type Figures = Record<string, unknown> & { name?: string };
interface StoredTables {
  event?: { sharePriceUsd?: number; lineage?: { inputs?: Array<{ eventId?: string; eventTime?: string }> } };
  standingScenarios?: { market?: { btcPriceUsd?: number; hashpriceUsdPerPhDay?: number }; base?: Figures; scenarios?: Figures[] };
  balanceSheetRisk?: { riskScore?: { score?: number | null; components?: Partial<Record<RiskScoreComponent, number | null>>; unknownComponents?: string[] } };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The universe row of one stored evaluation. */
export function universeRow(stored: StoredScenarioEvaluation): UniverseRow {
  const tables = stored.evaluation as StoredTables;
  const standing = tables.standingScenarios ?? {};
  const score = tables.balanceSheetRisk?.riskScore ?? {};
  // The valuation event is the lineage input whose id the evaluation stored (the first one, as written).
  const source = tables.event?.lineage?.inputs?.find((i) => i.eventId === stored.valuationEventId);
  const row: UniverseRow = {
    ticker: stored.ticker,
    asOf: stored.asOf,
    knownAt: stored.knownAt,
    valuationEventTime: source?.eventTime ?? null,
    btcPriceUsd: num(standing.market?.btcPriceUsd) ?? num(stored.market.btcPriceUsd),
    hashpriceUsdPerPhDay: num(standing.market?.hashpriceUsdPerPhDay),
    sharePriceUsd: num(stored.market.sharePriceUsd),
    riskScore0To100: num(score.score),
  };
  for (const c of COMPONENTS) row[componentColumn(c)] = num(score.components?.[c]);
  row.unknownRiskComponents = score.unknownComponents ?? [];
  for (const m of BASE_METRICS) row[`base.${m}`] = num(standing.base?.[m]);
  const byName = new Map((standing.scenarios ?? []).map((s) => [s.name, s]));
  for (const scenario of STANDING_SCENARIOS) {
    const figures = byName.get(scenario.name);
    for (const m of SCENARIO_METRICS) row[`${scenarioSlug(scenario.name)}.${m}`] = num(figures?.[m]);
  }
  row.evaluationId = stored.evaluationId;
  row.valuationId = stored.valuationId;
  row.valuationEventId = stored.valuationEventId;
  return row;
}
