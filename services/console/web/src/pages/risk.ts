// Risk: a company's standing scenarios, the BTC × power and BTC × difficulty grids, a Monte Carlo fan chart on request, stop lines.
import { formatNumber, formatRatioPct, formatUsd } from '../lib/format';
import { fanBands, heatmapCells, scenarioRows, stopLines, type HorizonRun, type SensitivityGrid } from '../lib/risk';
import { readState, writeState } from '../lib/url-state';
import { ApiError, getJson, getOrNull, postJson } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { h, loading, notice, replace, section, table } from '../ui/dom';

const METRICS = [
  'auto', 'allInMarginRatio', 'directMarginRatio', 'powerMarginRatio', 'powerCostPerBtcUsd', 'allInCostToPriceRatio', 'ebitdaRunRateUsdPerYear', 'netCashFlowUsdPerMonth',
  'liquidityRunwayMonths', 'equityValuePerShareUsd',
];
// `auto`: the first of these the company's figures make known (all-in needs opex most profiles lack; power margin needs only the fleet).
const AUTO_METRICS = ['allInMarginRatio', 'directMarginRatio', 'powerMarginRatio'];
const DEFAULTS = { ticker: '', metric: 'auto', power: '' };
// The difficulty grid holds the power price fixed: a company that states none is shown at the middle of the
// power grid's default axis, said so on the page, unless the desk states its own price.
const ASSUMED_POWER_USD_PER_KWH = 0.05;
const FAN_HORIZONS_MONTHS = [3, 6, 12, 24];

export async function renderRisk(ctx: PageContext): Promise<void> {
  const state = readState(ctx.search, DEFAULTS);
  const companies = (await getJson<{ items: Array<{ ticker: string; name: string }> }>('valuation/v1/companies', ctx.signal)).items;
  const ticker = state.ticker || companies[0]?.ticker || '';
  const set = (patch: Partial<typeof DEFAULTS>) => ctx.setQuery(writeState({ ...state, ticker, ...patch }, DEFAULTS));
  const scenarios = section('Standing scenarios', 'risk-scenarios');
  const grids = section('Sensitivity grids', 'risk-grids');
  const fan = section('Monte Carlo (on request)', 'risk-fan');
  const lines = section('Stop lines', 'risk-lines');
  replace(ctx.root,
    h('h1', {}, 'Risk'),
    h('div', { class: 'controls' },
      h('label', { for: 'risk-ticker' }, 'Company',
        h('select', { id: 'risk-ticker', onchange: (e: Event) => set({ ticker: (e.target as HTMLSelectElement).value }) },
          ...companies.map((c) => h('option', { value: c.ticker, selected: c.ticker === ticker }, `${c.ticker} · ${c.name}`)))),
      h('label', { for: 'risk-metric' }, 'Grid metric',
        h('select', { id: 'risk-metric', onchange: (e: Event) => set({ metric: (e.target as HTMLSelectElement).value }) },
          ...METRICS.map((m) => h('option', { value: m, selected: m === state.metric }, m)))),
      h('label', { for: 'risk-power' }, 'Power price for the difficulty grid, USD/kWh',
        h('input', { id: 'risk-power', type: 'number', min: '0', max: '10', step: '0.001', value: state.power, placeholder: "the company's",
          onchange: (e: Event) => set({ power: (e.target as HTMLInputElement).value }) }))),
    scenarios.element, grids.element, fan.element, lines.element);
  if (!ticker) {
    [scenarios, grids, fan, lines].forEach((s) => replace(s.body, notice('No company yet.')));
    return;
  }

  await Promise.all([
    renderScenarios(ctx, ticker, scenarios.body),
    renderGrids(ctx, ticker, state.metric, state.power, grids.body),
    renderStopLines(ctx, lines.body),
  ]);
  // A profile without a power price cannot be simulated: the desk may state one, sent as its own assumption.
  const power = h('input', { type: 'number', id: 'risk-mc-power', min: '0', max: '10', step: '0.001', placeholder: "the profile's", 'aria-label': 'Power price for the Monte Carlo, USD/kWh (optional)' }) as HTMLInputElement;
  const powerLabel = h('label', { for: 'risk-mc-power' }, 'Power price, USD/kWh (optional) ', power);
  const run = h('button', { type: 'button', id: 'risk-run-monte-carlo', onclick: () => void runFan(ctx, ticker, fan.body, run, power.value === '' ? undefined : Number(power.value)) }, `Run Monte Carlo for ${ticker}`);
  replace(fan.body, h('p', { class: 'notice' }, `Terminal BTC price percentiles (5–95 %) at ${FAN_HORIZONS_MONTHS.join(', ')} months; one run per horizon on risk's worker pool.`), powerLabel, run);
}

async function renderScenarios(ctx: PageContext, ticker: string, body: HTMLElement): Promise<void> {
  const result = await getOrNull<{ asOf: string; evaluation: { event?: { riskScore?: number; unknownRiskComponents?: string[] }; standingScenarios?: Parameters<typeof scenarioRows>[0] } }>(`risk/v1/risk/companies/${ticker}/scenarios`, ctx.signal);
  if (!result) return replace(body, notice(`${ticker} has not been evaluated yet.`));
  const rows = scenarioRows(result.evaluation.standingScenarios);
  const event = result.evaluation.event;
  replace(body,
    h('p', {}, `Risk score ${formatNumber(event?.riskScore ?? null, 0)} / 100 as of ${result.asOf.slice(0, 10)}`,
      event?.unknownRiskComponents?.length ? ` (unknown: ${event.unknownRiskComponents.join(', ')})` : ''),
    h('div', { class: 'scroll' }, table(`${rows.length} rows: the base case and each standing scenario`,
      ['Scenario', 'BTC price', 'Hashprice $/PH/day', 'All-in margin', 'Direct margin', 'All-in cost/BTC', 'Break-even BTC', 'Runway (months)', 'Fair value change'],
      rows.map((r) => [r.name, formatUsd(r.btcPriceUsd), formatNumber(r.hashpriceUsdPerPhDay), formatRatioPct(r.allInMarginRatio), formatRatioPct(r.directMarginRatio),
        formatUsd(r.allInCostPerBtcUsd), formatUsd(r.breakEvenBtcPriceUsd), formatNumber(r.liquidityRunwayMonths, 1), formatRatioPct(r.equityValuePerShareChangeRatio)]),
      { id: 'risk-scenarios-table' })));
}

async function renderGrids(ctx: PageContext, ticker: string, chosen: string, statedPower: string, body: HTMLElement): Promise<void> {
  const kinds = ['btc-x-power', 'btc-x-difficulty'] as const;
  const gridPath = (kind: string, metric: string, power: string) => `risk/v1/risk/companies/${ticker}/grid?kind=${kind}&metric=${metric}${kind === 'btc-x-difficulty' && power ? `&powerUsdPerKwh=${power}` : ''}`;
  const fetchGrids = (metric: string) => Promise.all(kinds.map((kind) => getOrNull<SensitivityGrid>(gridPath(kind, metric, statedPower), ctx.signal)));
  let metric = chosen === 'auto' ? AUTO_METRICS[0] : chosen;
  let grids = await fetchGrids(metric);
  const skipped: string[] = [];
  for (const next of chosen === 'auto' ? AUTO_METRICS.slice(1) : []) {
    if (grids.some((g) => g !== null && heatmapCells(g).unknown < g.cells.flat().length)) break;
    skipped.push(metric);
    metric = next;
    grids = await fetchGrids(metric);
  }
  replace(body);
  if (skipped.length > 0) body.append(notice(`${ticker}: ${skipped.join(' and ')} unknown in every cell (the figures they need are not on file); showing ${metric}.`));
  const difficulty = grids[1];
  if (!statedPower && difficulty && heatmapCells(difficulty).unknown === difficulty.cells.flat().length) {
    const assumed = await getOrNull<SensitivityGrid>(gridPath('btc-x-difficulty', metric, String(ASSUMED_POWER_USD_PER_KWH)), ctx.signal);
    if (assumed && heatmapCells(assumed).unknown < assumed.cells.flat().length) {
      grids = [grids[0], assumed];
      body.append(notice(`${ticker} states no power price: the difficulty grid assumes $${ASSUMED_POWER_USD_PER_KWH}/kWh (set your own above).`));
    }
  }
  const wrap = h('div', { class: 'grid2' });
  body.append(wrap);
  grids.forEach((grid, i) => {
    const host = h('div', {});
    wrap.append(host);
    if (!grid) return host.append(notice(`No ${kinds[i]} grid for ${ticker}.`));
    const { cells, unknown, min, max } = heatmapCells(grid);
    mountChart(host, {
      id: `risk-${kinds[i]}`,
      title: `${ticker}: ${metric}, ${grid.rowAxis.name} × ${grid.columnAxis.name}`,
      description: `${cells.length} cells, ${unknown} unknown`,
      height: 340,
      option: {
        tooltip: { position: 'top' },
        grid: { left: 90, right: 20, top: 10, bottom: 80 },
        xAxis: { type: 'category', name: grid.columnAxis.name, nameLocation: 'middle', nameGap: 28, data: grid.columnAxis.values.map(String) },
        yAxis: { type: 'category', name: grid.rowAxis.name, data: grid.rowAxis.values.map((v) => formatUsd(v)) },
        visualMap: { min, max: max === min ? min + 1 : max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#b91c1c', '#fde68a', '#15803d'] } },
        series: [{ name: metric, type: 'heatmap', data: cells, label: { show: true, formatter: (p: { data: [number, number, number | '-'] }) => (p.data[2] === '-' ? '' : Number(p.data[2]).toFixed(2)) } }],
      },
      csv: { columns: [grid.rowAxis.name, ...grid.columnAxis.values.map((v) => `${grid.columnAxis.name}=${v}`)], rows: grid.cells.map((row, r) => [grid.rowAxis.values[r], ...row]) },
    });
    if (unknown === cells.length) host.append(notice(`Every cell is unknown: ${ticker}'s shipped profile lacks inputs ${metric} needs (see the standing scenarios' missing inputs).`));
  });
}

async function renderStopLines(ctx: PageContext, body: HTMLElement): Promise<void> {
  const entries = await getJson<Array<Record<string, unknown>> | { items: Array<Record<string, unknown>> }>('risk/v1/risk/watchlist', ctx.signal);
  const rows = stopLines(Array.isArray(entries) ? entries : entries.items);
  const rules = await getJson<Array<{ ruleId: string; breached: boolean; lastValue: number | null; updatedAt: string }>>('risk/v1/rules', ctx.signal);
  replace(body,
    table('Network rules', ['Rule', 'State', 'Last value', 'Updated'], rules.map((r) => [r.ruleId, h('span', { class: r.breached ? 'breached' : 'clear' }, r.breached ? 'breached' : 'clear'), formatNumber(r.lastValue), r.updatedAt])),
    rows.length
      ? table('Watchlist stop lines', ['Ticker', 'Line', 'Kind', 'Level', 'State'], rows.map((r) => [r.ticker, r.lineId, r.kind, formatNumber(r.level), h('span', { class: r.breached ? 'breached' : 'clear' }, r.breached ? 'breached' : 'clear')]))
      : notice('No stop lines on the watchlist (POST /v1/risk/watchlist on risk adds them).'));
}

async function runFan(ctx: PageContext, ticker: string, body: HTMLElement, button: HTMLButtonElement, powerUsdPerKwh?: number): Promise<void> {
  button.disabled = true;
  const status = loading('the Monte Carlo runs');
  body.append(status);
  const runs: HorizonRun[] = [];
  try {
    // One after another: risk refuses runs beyond its queue (503) and the machine has two cores.
    for (const months of FAN_HORIZONS_MONTHS) {
      const result = await postJson<{ terminalBtcPriceUsd: { percentiles: HorizonRun['percentiles'] } }>('risk/v1/risk/monte-carlo', { ticker, seed: 1, paths: 2000, horizonMonths: months, model: 'gbm', ...(powerUsdPerKwh !== undefined && { market: { powerUsdPerKwh } }) }, ctx.signal);
      runs.push({ months, percentiles: result.terminalBtcPriceUsd.percentiles });
    }
  } catch (error) {
    status.replaceWith(notice(`Monte Carlo refused: ${error instanceof ApiError ? `${error.status} ${error.message}` : (error as Error).message}`, 'error'));
    button.disabled = false;
    return;
  }
  status.remove();
  const bands = fanBands(runs);
  mountChart(body, {
    id: 'risk-fan',
    title: `${ticker}: BTC price fan (terminal percentiles by horizon)`,
    description: `${bands.lines.length} percentile lines over ${bands.months.length} horizons`,
    option: {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 80, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', name: 'months', data: bands.months.map(String) },
      yAxis: { type: 'value', name: 'BTC (USD)' },
      series: bands.lines.map((l) => ({ name: `p${Math.round(l.probability * 100)}`, type: 'line', data: l.values, lineStyle: { type: l.probability === 0.5 ? 'solid' : 'dashed' }, areaStyle: l.probability === 0.5 ? undefined : { opacity: 0.08 } })),
    },
    csv: { columns: ['months', ...bands.lines.map((l) => `p${Math.round(l.probability * 100)}`)], rows: bands.months.map((m, i) => [m, ...bands.lines.map((l) => l.values[i])]) },
  });
  button.disabled = false;
}
