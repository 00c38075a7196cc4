// Risk service answers → the Risk page's table, heat maps and fan chart.
export interface SensitivityGrid {
  metric: string;
  rowAxis: { name: string; values: number[] };
  columnAxis: { name: string; values: number[] };
  cells: Array<Array<number | null>>;
}

/** ECharts heat-map triples [column index, row index, value]; an unknown cell is '-' (drawn empty, still counted). */
export function heatmapCells(grid: SensitivityGrid): { cells: Array<[number, number, number | '-']>; unknown: number; min: number; max: number } {
  const cells: Array<[number, number, number | '-']> = [];
  const values: number[] = [];
  grid.cells.forEach((row, r) => row.forEach((value, c) => {
    const known = typeof value === 'number' && Number.isFinite(value);
    cells.push([c, r, known ? value : '-']);
    if (known) values.push(value);
  }));
  return { cells, unknown: cells.length - values.length, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
}

export interface ScenarioRow {
  name: string;
  btcPriceUsd: number | null;
  hashpriceUsdPerPhDay: number | null;
  allInMarginRatio: number | null;
  directMarginRatio: number | null;
  allInCostPerBtcUsd: number | null;
  breakEvenBtcPriceUsd: number | null;
  liquidityRunwayMonths: number | null;
  equityValuePerShareChangeRatio: number | null;
}

/** The base case then each standing scenario, with the figures the table shows. */
export function scenarioRows(standing: { base?: Record<string, unknown>; scenarios?: Array<Record<string, unknown>> } | undefined): ScenarioRow[] {
  const pick = (name: string, s: Record<string, unknown>): ScenarioRow => {
    const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : null);
    return {
      name, btcPriceUsd: n('btcPriceUsd'), hashpriceUsdPerPhDay: n('hashpriceUsdPerPhDay'), allInMarginRatio: n('allInMarginRatio'),
      directMarginRatio: n('directMarginRatio'), allInCostPerBtcUsd: n('allInCostPerBtcUsd'), breakEvenBtcPriceUsd: n('breakEvenBtcPriceUsd'),
      liquidityRunwayMonths: n('liquidityRunwayMonths'), equityValuePerShareChangeRatio: n('equityValuePerShareChangeRatio'),
    };
  };
  return [
    ...(standing?.base ? [pick('base', standing.base)] : []),
    ...(standing?.scenarios ?? []).map((s) => pick(String(s.name), s)),
  ];
}

export interface Percentile {
  probability: number;
  value: number;
}

/** One Monte Carlo run per horizon: its terminal BTC price percentiles. */
export interface HorizonRun {
  months: number;
  percentiles: Percentile[];
}

/** Percentile bands as ECharts stacks: the lower edge, then each band's height above the one below. */
export function fanBands(runs: HorizonRun[], probabilities: number[] = [0.05, 0.25, 0.5, 0.75, 0.95]): { months: number[]; lines: Array<{ probability: number; values: Array<number | null> }> } {
  const sorted = [...runs].sort((a, b) => a.months - b.months);
  const valueAt = (run: HorizonRun, p: number) => run.percentiles.find((q) => Math.abs(q.probability - p) < 1e-9)?.value ?? null;
  return {
    months: sorted.map((r) => r.months),
    lines: probabilities.map((probability) => ({ probability, values: sorted.map((r) => valueAt(r, probability)) })),
  };
}

export interface StopLineRow {
  ticker: string;
  lineId: string;
  kind: string;
  level: number | null;
  breached: boolean;
}

/** Every stop line of every watchlist entry, with its state. */
export function stopLines(entries: Array<Record<string, unknown>>): StopLineRow[] {
  return entries.flatMap((entry) => ((entry.lines ?? []) as Array<Record<string, unknown>>).map((line) => {
    const state = (line.state ?? {}) as Record<string, unknown>;
    const level = [line.level, state.level, (line.params as Record<string, unknown> | undefined)?.level].find((v) => typeof v === 'number') as number | undefined;
    return {
      ticker: String(entry.ticker ?? entry.subject ?? ''), lineId: String(line.lineId ?? line.id ?? ''), kind: String(line.kind ?? ''),
      level: level ?? null, breached: Boolean(line.breached ?? state.breached),
    };
  }));
}
