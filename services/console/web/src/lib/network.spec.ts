import { boundaryCrossings, forScale, latestNextRetarget, mapNetworkMetrics, type NetworkMetricRow } from './network';

const row = (asOf: string, height: number, extra: Partial<NetworkMetricRow> = {}): NetworkMetricRow => ({
  asOf, height, difficulty: height * 1e8, btcPriceUsd: 90_000, hashrateEhs: 1000, hashpriceBtcPerPhDay: 0.0004, hashpriceUsdPerPhDay: 36,
  nextRetargetHeight: null, nextRetargetProjectedAt: null, nextRetargetDifficultyChangePct: null, nextRetargetHashpriceUsdPerPhDayAfter: null, ...extra,
});

describe('network metrics → chart series', () => {
  it('marks each halving and retarget the rows cross, at the first row past it', () => {
    const rows = [row('2024-04-18T23:59:59Z', 839_800), row('2024-04-20T23:59:59Z', 840_100), row('2024-04-21T23:59:59Z', 840_200)];
    const series = mapNetworkMetrics(rows);
    expect(series.halvings).toEqual([{ time: Date.parse('2024-04-20T23:59:59Z'), height: 840_000, value: null }]);
    // 840,000 is also a multiple of 2016 (416.67 × 2016 is not): 839,664 and 841,680 are the retargets around it.
    expect(series.retargets).toEqual([]);
    const crossing = boundaryCrossings([row('2025-01-01T23:59:59Z', 2016 * 400 - 1), row('2025-01-02T23:59:59Z', 2016 * 401 + 5)], 2016, (r) => r.difficulty);
    expect(crossing).toEqual([{ time: Date.parse('2025-01-02T23:59:59Z'), height: 2016 * 401, value: (2016 * 401 + 5) * 1e8 }]);
  });

  it('sorts by time and leaves unknown values out of the series instead of drawing zeros', () => {
    const series = mapNetworkMetrics([row('2025-01-02T23:59:59Z', 2), row('2025-01-01T23:59:59Z', 1, { btcPriceUsd: null })]);
    expect(series.hashpriceUsdPerPhDay.map(([t]) => t)).toEqual([Date.parse('2025-01-01T23:59:59Z'), Date.parse('2025-01-02T23:59:59Z')]);
    expect(series.btcPriceUsd).toEqual([[Date.parse('2025-01-02T23:59:59Z'), 90_000]]);
  });

  it('takes the newest projection of a retarget still ahead, skipping rows without one', () => {
    const rows = [
      row('2025-12-09T23:59:59Z', 927_187, { nextRetargetHeight: 927_360, nextRetargetProjectedAt: '2025-12-11T05:33:58.877Z', nextRetargetDifficultyChangePct: -2.43, nextRetargetHashpriceUsdPerPhDayAfter: 40.34 }),
      row('2025-12-10T23:59:59Z', 927_300),
    ];
    expect(latestNextRetarget(rows)).toEqual({ asOf: '2025-12-09T23:59:59Z', height: 927_360, projectedAt: '2025-12-11T05:33:58.877Z', difficultyChangePct: -2.43, hashpriceUsdPerPhDayAfter: 40.34 });
    expect(latestNextRetarget([row('2025-12-16T23:59:59Z', 928_199)])).toBeNull();
    // Once the chain is past the projected height, that projection is history, not the next retarget.
    expect(latestNextRetarget([...rows, row('2025-12-23T23:59:59Z', 929_000)])).toBeNull();
  });

  it('drops non-positive values on a log scale only', () => {
    const points: Array<[number, number]> = [[1, 0], [2, 5], [3, -1]];
    expect(forScale(points, 'log')).toEqual([[2, 5]]);
    expect(forScale(points, 'linear')).toEqual(points);
  });
});
