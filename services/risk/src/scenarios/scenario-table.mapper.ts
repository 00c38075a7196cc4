import type { Cell } from '@hashdesk/platform';

/*
 * A company's standing-scenario table as flat rows, base first: what the CSV and NDJSON of the
 * company scenario endpoints hold (their JSON keeps the full nested result). An empty runway with a
 * cash flow ≥ 0 (burningCash false) means no burn, i.e. unbounded.
 */

const FIGURES = [
  'btcPriceUsd', 'hashpriceUsdPerPhDay', 'directMarginRatio', 'allInMarginRatio', 'directCostPerBtcUsd', 'allInCostPerBtcUsd', 'allInCostToPriceRatio',
  'breakEvenBtcPriceUsd', 'ebitdaRunRateUsdPerYear', 'ebitdaChangeUsdPerYear', 'netCashFlowUsdPerMonth', 'liquidityRunwayMonths', 'burningCash',
  'equityValuePerShareUsd', 'equityValuePerShareChangeRatio',
] as const;

export const SCENARIO_TABLE_COLUMNS: readonly string[] = ['ticker', 'asOf', 'scenario', ...FIGURES, 'missingInputs'];

/** What the rows are read from: a StandingScenarioResult, computed or as stored (JSON). */
export interface ScenarioTableSource {
  readonly base?: Record<string, unknown>;
  readonly scenarios?: ReadonlyArray<Record<string, unknown>>;
}

const cell = (x: unknown): Cell => (typeof x === 'number' ? (Number.isFinite(x) ? x : null) : typeof x === 'boolean' ? x : null);

/** "figure: input, input" per figure with missing inputs. */
const missing = (figures: Record<string, unknown>): string[] =>
  Object.entries((figures.missingInputs ?? {}) as Record<string, readonly string[]>).map(([figure, needs]) => `${figure}: ${needs.join(', ')}`);

/** One row per scenario, base first; `asOf` is the evaluation's (null for a market given in the request). */
export function scenarioTableRows(ticker: string, asOf: string | null, table: ScenarioTableSource): Array<Record<string, Cell>> {
  const named = [...(table.base ? [{ ...table.base, name: 'base' }] : []), ...(table.scenarios ?? [])];
  return named.map((figures) => ({
    ticker,
    asOf,
    scenario: typeof figures.name === 'string' ? figures.name : null,
    ...Object.fromEntries(FIGURES.map((f) => [f, cell(figures[f])])),
    missingInputs: missing(figures),
  }));
}
