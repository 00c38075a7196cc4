// GET /v1/network/metrics rows → the Network page's series, marks and projection.
export interface NetworkMetricRow {
  asOf: string;
  height: number | null;
  difficulty: number | null;
  btcPriceUsd: number | null;
  hashrateEhs: number | null;
  hashpriceBtcPerPhDay: number | null;
  hashpriceUsdPerPhDay: number | null;
  nextRetargetHeight: number | null;
  nextRetargetProjectedAt: string | null;
  nextRetargetDifficultyChangePct: number | null;
  nextRetargetHashpriceUsdPerPhDayAfter: number | null;
}

export const BLOCKS_PER_RETARGET = 2016;
export const BLOCKS_PER_HALVING = 210_000;

/** [time ms, value] pairs, the shape ECharts' time axis takes; unknown values are left out. */
export type Point = [number, number];

export interface HeightMark {
  time: number;
  height: number;
  /** Difficulty in force after a retarget; the halving's new subsidy epoch otherwise. */
  value: number | null;
}

export interface NextRetarget {
  asOf: string;
  height: number;
  projectedAt: string | null;
  difficultyChangePct: number | null;
  hashpriceUsdPerPhDayAfter: number | null;
}

export interface NetworkSeries {
  hashpriceUsdPerPhDay: Point[];
  hashpriceBtcPerPhDay: Point[];
  btcPriceUsd: Point[];
  difficulty: Point[];
  hashrateEhs: Point[];
  halvings: HeightMark[];
  retargets: HeightMark[];
  nextRetarget: NextRetarget | null;
}

const points = (rows: NetworkMetricRow[], pick: (r: NetworkMetricRow) => number | null): Point[] =>
  rows.flatMap((r) => {
    const value = pick(r);
    return typeof value === 'number' && Number.isFinite(value) ? [[Date.parse(r.asOf), value] as Point] : [];
  });

/** The first row at or past each boundary (every `step` blocks) that the rows cross. */
export function boundaryCrossings(rows: NetworkMetricRow[], step: number, valueOf: (r: NetworkMetricRow) => number | null): HeightMark[] {
  const marks: HeightMark[] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const before = rows[i - 1].height;
    const after = rows[i].height;
    if (before === null || after === null) continue;
    const epoch = Math.floor(after / step);
    if (epoch > Math.floor(before / step)) marks.push({ time: Date.parse(rows[i].asOf), height: epoch * step, value: valueOf(rows[i]) });
  }
  return marks;
}

/**
 * The newest projection of the next retarget that is still ahead of the newest figure: a row may carry none
 * (too few snapshots in its period), and an older row's projection of a retarget already passed is history.
 */
export function latestNextRetarget(rows: NetworkMetricRow[]): NextRetarget | null {
  const newestHeight = rows.at(-1)?.height ?? null;
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const r = rows[i];
    if (r.nextRetargetHeight !== null && r.nextRetargetHeight !== undefined && (newestHeight === null || r.nextRetargetHeight > newestHeight)) {
      return {
        asOf: r.asOf, height: r.nextRetargetHeight, projectedAt: r.nextRetargetProjectedAt,
        difficultyChangePct: r.nextRetargetDifficultyChangePct, hashpriceUsdPerPhDayAfter: r.nextRetargetHashpriceUsdPerPhDayAfter,
      };
    }
  }
  return null;
}

export function mapNetworkMetrics(input: NetworkMetricRow[]): NetworkSeries {
  const rows = [...input].sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf));
  return {
    hashpriceUsdPerPhDay: points(rows, (r) => r.hashpriceUsdPerPhDay),
    hashpriceBtcPerPhDay: points(rows, (r) => r.hashpriceBtcPerPhDay),
    btcPriceUsd: points(rows, (r) => r.btcPriceUsd),
    difficulty: points(rows, (r) => r.difficulty),
    hashrateEhs: points(rows, (r) => r.hashrateEhs),
    halvings: boundaryCrossings(rows, BLOCKS_PER_HALVING, () => null),
    retargets: boundaryCrossings(rows, BLOCKS_PER_RETARGET, (r) => r.difficulty),
    nextRetarget: latestNextRetarget(rows),
  };
}

/** Log axes cannot show zero or negative values: those points are dropped on a log scale. */
export function forScale(series: Point[], scale: 'log' | 'linear'): Point[] {
  return scale === 'log' ? series.filter(([, v]) => v > 0) : series;
}
