import { alertFromDelivery, toAlertItem, toDeliveryRow } from './alerts';
import { balanceSheet, balanceSheetSeries, costSeries, efficiencySeries, joulesPerTh, lineageSources, newestPeriodFigures, pastQuarterEnds, reportedCosts, timelineEvents, type FigureRow } from './company';
import { formatPowerPrice, parsePowerPrice, powerPriceColumns, sortMachines, type MachineTable } from './machines';
import { fanBands, heatmapCells, scenarioRows, stopLines } from './risk';

describe('company page mapping', () => {
  it('draws only the cost definitions the company has, with the BTC price and hashrate', () => {
    const s = costSeries([
      { ticker: 'MARA', name: null, asOf: '2025-12-29T23:59:59.000Z', powerCostPerBtcUsd: 41_000, allInCostPerBtcUsd: null, btcPriceUsd: 87_000, hashrateAtWorkEhs: 26 },
      { ticker: 'MARA', name: null, asOf: '2025-12-15T23:59:59.000Z', powerCostPerBtcUsd: 40_000, allInCostPerBtcUsd: null, btcPriceUsd: 88_000, hashrateAtWorkEhs: 25 },
    ]);
    expect(s.byDefinition.map((d) => d.key)).toEqual(['powerCostPerBtcUsd']);
    expect(s.byDefinition[0].points.map(([, v]) => v)).toEqual([40_000, 41_000]);
    expect(s.btcPriceUsd).toHaveLength(2);
  });

  it('keeps reported costs with their quarter and source, and samples quarter ends already past', () => {
    const quarters = [
      { periodEnd: '2025-09-30', periodLabel: 'Q3 2025', hashrateEhs: 60, costs: [{ definition: 'power', reportedUsdPerBtc: 39_235, modelledUsdPerBtc: 35_944, errorRatio: -0.08, source: 'https://ir.mara.com/q3' }] },
      { periodEnd: '2099-03-31', periodLabel: 'Q1 2099', hashrateEhs: null, costs: [] },
    ];
    expect(reportedCosts(quarters)).toEqual([{ time: Date.parse('2025-09-30T23:59:59Z'), periodLabel: 'Q3 2025', definition: 'power', reportedUsdPerBtc: 39_235, modelledUsdPerBtc: 35_944, source: 'https://ir.mara.com/q3' }]);
    expect(pastQuarterEnds(quarters, Date.parse('2026-01-01'))).toEqual(['2025-09-30']);
  });

  it('derives J/TH from fleet MW and EH/s (1 MW per EH/s is 1 J/TH) and skips unknowns', () => {
    expect(joulesPerTh(660.1, 32.2)).toBeCloseTo(20.5, 1);
    expect(joulesPerTh(null, 32.2)).toBeNull();
    expect(joulesPerTh(660, 0)).toBeNull();
    expect(efficiencySeries([null, { asOf: '2025-09-30T23:59:59Z', metrics: { fleetPowerMw: 500, hashrateAtWorkEhs: 25 } }])).toEqual([[Date.parse('2025-09-30T23:59:59Z'), 20]]);
  });

  it('reads the balance sheet from the valuation and risk, leaving unknown lines unknown', () => {
    const lines = balanceSheet({ asOf: '2025-12-29T23:59:59Z', metrics: { liquidityUsd: 2_000e6, btcHoldingsUsd: 1_700e6, market: { btcPriceUsd: 85_000 } } }, { netDebtUsd: -495e6, convertibleNotesUsd: null });
    const byLabel = Object.fromEntries(lines.map((l) => [l.label, l.value]));
    expect(byLabel['Cash (liquidity less BTC)']).toBe(300e6);
    expect(byLabel['BTC held']).toBe(20_000);
    expect(byLabel['Net debt']).toBe(-495e6);
    expect(byLabel['Convertible notes']).toBeNull();
  });

  const figure = (over: Partial<FigureRow>): FigureRow => ({ version: 1, periodEnd: '2025-09-30', field: 'x', value: null, asOf: null, knownAt: null, source: null, sourceQuality: null, excerpt: null, note: null, ...over });

  it('puts contracts of the newest period (when announced), power parts and policy events on one timeline and collects http(s) sources once', () => {
    const figures = [
      figure({ periodEnd: '2025-06-30', field: 'hpcContracts[0]', value: 'Old Co', asOf: '2024-01-01' }),
      figure({ field: 'hpcContracts[0]', value: 'CoreWeave (colocation-lease, contracted)', asOf: '2024-11-06', source: 'https://ft.com/x' }),
      figure({ field: 'hpcContracts[0].criticalItMw', value: 200, asOf: '2024-11-06' }),
      figure({ field: 'power.contracts[0]', value: 'Utility (ppa)', knownAt: '2025-12-01' }),
      figure({ field: 'convertibles[0]', value: '0.00% Convertible Senior Notes due 2032', asOf: '2025-07-25' }),
    ];
    const events = timelineEvents(
      { asOf: '2025-01-01T00:00:00Z' },
      [{ jurisdiction: 'US-NY', kind: 'permit-denied', impact: -3, effectiveDate: '2022-06-30', source: 'https://dec.ny.gov/x' }],
      figures,
    );
    expect(events.map((e) => [e.lane, e.label])).toEqual([
      ['Policy', 'US-NY permit-denied (impact -3)'], ['HPC contract', 'CoreWeave (colocation-lease, contracted)'], ['Convertible', '0.00% Convertible Senior Notes due 2032'], ['Power', 'Utility (ppa)'],
    ]);
    expect(events[1]).toMatchObject({ time: Date.parse('2024-11-06T23:59:59Z'), source: 'https://ft.com/x' });
    expect(lineageSources({ ticker: 'X', name: null, asOf: '', sources: ['https://a', 'ftp://b', 'https://a'] }, [])).toEqual(['https://a']);
  });
});

describe('balance sheet over time and lineage', () => {
  const figure = (over: Partial<FigureRow>): FigureRow => ({ version: 1, periodEnd: '2025-09-30', field: 'x', value: null, asOf: null, knownAt: null, source: null, sourceQuality: null, excerpt: null, note: null, ...over });
  const rows = [
    figure({ periodEnd: '2025-06-30', field: 'balanceSheet.cashUsd', value: 10, asOf: '2025-06-30' }),
    figure({ periodEnd: '2025-09-30', field: 'balanceSheet.cashUsd', value: 12, asOf: '2025-Q3' }),
    figure({ periodEnd: '2025-09-30', field: 'balanceSheet.totalDebtUsd', value: null, note: 'not found' }),
    figure({ periodEnd: '2025-09-30', field: 'balanceSheet.btcHeld', value: 50, asOf: '2025-10-31' }),
  ];

  it('plots each level where it is known, at its own day or its period end, and leaves unknowns out', () => {
    const series = Object.fromEntries(balanceSheetSeries(rows).map((s) => [s.field, s.points]));
    expect(series['balanceSheet.cashUsd']).toEqual([[Date.parse('2025-06-30T23:59:59Z'), 10], [Date.parse('2025-09-30T23:59:59Z'), 12]]);
    expect(series['balanceSheet.totalDebtUsd']).toEqual([]);
    expect(series['balanceSheet.btcHeld']).toEqual([[Date.parse('2025-10-31T23:59:59Z'), 50]]);
  });

  it('shows the lineage of the newest period only', () => {
    expect(newestPeriodFigures(rows).map((r) => r.field)).toEqual(['balanceSheet.cashUsd', 'balanceSheet.totalDebtUsd', 'balanceSheet.btcHeld']);
  });
});

describe('risk page mapping', () => {
  it('turns a grid into heat-map cells, unknown cells kept as empty', () => {
    const grid = { metric: 'allInMarginRatio', rowAxis: { name: 'btcPriceUsd', values: [50_000, 100_000] }, columnAxis: { name: 'powerUsdPerKwh', values: [0.03, 0.05] }, cells: [[0.1, null], [0.5, 0.3]] };
    expect(heatmapCells(grid)).toEqual({ cells: [[0, 0, 0.1], [1, 0, '-'], [0, 1, 0.5], [1, 1, 0.3]], unknown: 1, min: 0.1, max: 0.5 });
  });

  it('lists the base case first, then each standing scenario', () => {
    const rows = scenarioRows({ base: { btcPriceUsd: 87_000 }, scenarios: [{ name: 'btc −20 %', btcPriceUsd: 69_600, allInMarginRatio: -0.1 }] });
    expect(rows.map((r) => [r.name, r.btcPriceUsd, r.allInMarginRatio])).toEqual([['base', 87_000, null], ['btc −20 %', 69_600, -0.1]]);
  });

  it('builds percentile lines over horizons, in horizon order', () => {
    const runs = [
      { months: 12, percentiles: [{ probability: 0.05, value: 40_000 }, { probability: 0.5, value: 90_000 }] },
      { months: 3, percentiles: [{ probability: 0.05, value: 70_000 }, { probability: 0.5, value: 88_000 }] },
    ];
    expect(fanBands(runs, [0.05, 0.5])).toEqual({ months: [3, 12], lines: [{ probability: 0.05, values: [70_000, 40_000] }, { probability: 0.5, values: [88_000, 90_000] }] });
  });

  it('flattens watchlist entries into stop lines with their state', () => {
    expect(stopLines([{ ticker: 'MARA', lines: [{ lineId: 'l1', kind: 'fixed', state: { breached: true, level: 8.5 } }] }])).toEqual([{ ticker: 'MARA', lineId: 'l1', kind: 'fixed', level: 8.5, breached: true }]);
  });
});

describe('machines and alerts mapping', () => {
  const table: MachineTable = {
    asOf: '2025-12-29T23:59:59Z', hashpriceUsdPerPhDay: 37, btcPriceUsd: 87_000,
    rows: [
      { model: 'S9', manufacturer: 'Bitmain', efficiencyJth: 98, hashrateThs: 13.5, powerW: 1323, breakevenPowerUsdPerKwh: 0.0158, revenueUsdPerDay: 0.5, atPowerPrices: [{ powerUsdPerKwh: 0.04, profitUsdPerDay: -0.77, breakevenHashpriceUsdPerPhDay: 94, shutdownBtcPriceUsd: 220_000 }, { powerUsdPerKwh: 0.0521, region: 'ERCOT:HB_WEST', profitUsdPerDay: -1, breakevenHashpriceUsdPerPhDay: 120, shutdownBtcPriceUsd: 280_000 }] },
      { model: 'S21', manufacturer: 'Bitmain', efficiencyJth: 17.5, hashrateThs: 200, powerW: 3500, breakevenPowerUsdPerKwh: 0.088, revenueUsdPerDay: 7.4, atPowerPrices: [] },
    ],
  };

  it('labels reference and regional power-price columns, and sorts machines most efficient first', () => {
    expect(powerPriceColumns(table).map((c) => c.label)).toEqual(['$0.04/kWh', 'ERCOT:HB_WEST ($0.0521/kWh)']);
    expect(sortMachines(table.rows).map((r) => r.model)).toEqual(['S21', 'S9']);
    expect(formatPowerPrice(0.045)).toBe('$0.045/kWh');
  });

  it('accepts a power price only as a plain decimal between 0 and 1 USD/kWh', () => {
    expect(parsePowerPrice('0.045')).toBe(0.045);
    expect(parsePowerPrice('45')).toBeUndefined();
    expect(parsePowerPrice('0x1')).toBeUndefined();
  });

  it('reads an alert from a delivery body and ignores other events and garbage', () => {
    const body = JSON.stringify({ id: 'e1', type: 'hashdesk.v1.AlertRaised', subject: 'network', time: '2025-12-30T00:59:59Z', data: { alertId: 'a1', severity: 'SEVERITY_INFO', ruleId: 'network.hashprice-floor', message: 'recovered', value: 106 } });
    expect(alertFromDelivery(body)).toEqual({ alertId: 'a1', asOf: '2025-12-30T00:59:59Z', subject: 'network', severity: 'info', ruleId: 'network.hashprice-floor', message: 'recovered', value: 106 });
    expect(alertFromDelivery(JSON.stringify({ type: 'hashdesk.v1.HashpriceComputed', data: {} }))).toBeNull();
    expect(alertFromDelivery('not json')).toBeNull();
    expect(toAlertItem({ alertId: 'a2', asOf: 't', severity: 'SEVERITY_CRITICAL' }).severity).toBe('critical');
  });

  it('reads delivery rows in either casing', () => {
    expect(toDeliveryRow({ id: '7', status: 'delivered', attempt_count: '1', event_type: 'hashdesk.v1.AlertRaised', channel: 'sse', created_at: 't' })).toMatchObject({ id: '7', attempts: 1, eventType: 'hashdesk.v1.AlertRaised' });
  });
});
