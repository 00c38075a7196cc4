// Network: hashprice 2019→now (USD and BTC per PH/day), BTC price, difficulty and hashrate on linked axes.
import { formatBtcPerPhDay, formatDay, formatDifficulty, formatInstant, formatNumber, formatSignedPct, formatUsd } from '../lib/format';
import { forScale, mapNetworkMetrics, type NetworkMetricRow, type NetworkSeries, type Point } from '../lib/network';
import { readState, writeState } from '../lib/url-state';
import { getJson } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { h, loading, notice, replace } from '../ui/dom';

const DEFAULTS = { scale: 'log', from: '2019-01-01' };

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function renderNetwork(ctx: PageContext): Promise<void> {
  const state = readState(ctx.search, DEFAULTS);
  const scale = state.scale === 'linear' ? 'linear' : 'log';
  const scaleSelect = h('select', { id: 'network-scale', onchange: (e: Event) => ctx.setQuery(writeState({ ...state, scale: (e.target as HTMLSelectElement).value }, DEFAULTS)) },
    h('option', { value: 'log', selected: scale === 'log' }, 'logarithmic'),
    h('option', { value: 'linear', selected: scale === 'linear' }, 'linear'));
  const fromInput = h('input', { id: 'network-from', type: 'date', value: state.from, min: '2009-01-03',
    onchange: (e: Event) => ctx.setQuery(writeState({ ...state, from: (e.target as HTMLInputElement).value || DEFAULTS.from }, DEFAULTS)) });
  const cards = h('div', { class: 'cards', 'aria-label': 'Latest figures' });
  const charts = h('div', {}, loading('the network history'));
  replace(ctx.root,
    h('h1', {}, 'Network'),
    h('div', { class: 'controls' },
      h('label', { for: 'network-scale' }, 'Hashprice scale', scaleSelect),
      h('label', { for: 'network-from' }, 'From', fromInput)),
    cards, charts);

  // index.html asks for this exact path while the app's JavaScript loads; getJson takes that response.
  const body = await getJson<{ items: NetworkMetricRow[] }>(`valuation/v1/network/metrics?interval=1d&limit=5000&from=${state.from}T00:00:00Z`, ctx.signal);
  performance.mark('network:data');
  if (body.items.length === 0) {
    replace(charts, notice('No network figures yet: valuation needs a BTC price and a network snapshot (the main job feeds the bundled history).'));
    return;
  }
  const series = mapNetworkMetrics(body.items);
  performance.mark('network:mapped');
  replace(cards, ...summaryCards(body.items.at(-1)!, series));
  // The latest figures paint first; the charts follow in the next frames.
  await nextPaint();
  if (ctx.signal.aborted) return;
  replace(charts);
  const panel = h('section', { class: 'panel', 'aria-label': 'Charts' });
  charts.append(panel);
  mountChart(panel, hashpriceChart(series, scale));
  performance.mark('network:first-chart'); // read by bench/console-first-paint.bench.ts
  // Let the browser paint the hashprice chart before building the second one: the first meaningful paint
  // should not wait on the linked market chart below it.
  await nextPaint();
  if (ctx.signal.aborted) return;
  mountChart(panel, marketChart(series));
}

/** Resolves after the browser has painted what is on the page now. */
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function card(label: string, value: string, sub = ''): HTMLElement {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
}

function summaryCards(latest: NetworkMetricRow, series: NetworkSeries): HTMLElement[] {
  const next = series.nextRetarget;
  return [
    card('Hashprice', `${formatUsd(latest.hashpriceUsdPerPhDay)} /PH/day`, `as of ${formatDay(latest.asOf)}`),
    card('Hashprice (BTC)', `${formatBtcPerPhDay(latest.hashpriceBtcPerPhDay)} /PH/day`),
    card('BTC price', formatUsd(latest.btcPriceUsd)),
    card('Difficulty', formatDifficulty(latest.difficulty), `height ${formatNumber(latest.height, 0)}`),
    card('Hashrate', `${formatNumber(latest.hashrateEhs, 0)} EH/s`),
    next
      ? card('Next retarget (projected)', `${formatSignedPct(next.difficultyChangePct)} at ${formatNumber(next.height, 0)}`,
        `${formatInstant(next.projectedAt)}; hashprice after ${formatUsd(next.hashpriceUsdPerPhDayAfter)}/PH/day (projected ${formatDay(next.asOf)})`)
      : card('Next retarget (projected)', '–', 'no projection in range'),
  ];
}

const halvingLines = (series: NetworkSeries) => ({
  symbol: 'none', silent: true, lineStyle: { color: '#b45309', type: 'dashed' },
  label: { formatter: (p: { data: { name: string } }) => p.data.name, position: 'insideEndTop', color: '#b45309' },
  data: series.halvings.map((m) => ({ xAxis: m.time, name: `halving ${formatNumber(m.height, 0)}` })),
});

function hashpriceChart(series: NetworkSeries, scale: 'log' | 'linear') {
  const usd = forScale(series.hashpriceUsdPerPhDay, scale);
  const btc = forScale(series.hashpriceBtcPerPhDay, scale);
  const next = series.nextRetarget;
  const last = usd.at(-1);
  const projected: Point[] = next && last && next.projectedAt && next.hashpriceUsdPerPhDayAfter !== null
    ? [last, [Date.parse(next.projectedAt), next.hashpriceUsdPerPhDayAfter]] : [];
  const btcByTime = new Map(btc.map(([t, v]) => [t, v]));
  return {
    id: 'network-hashprice',
    title: 'Hashprice, USD and BTC per PH/day',
    description: `${usd.length} daily figures from ${day(usd[0]?.[0] ?? 0)}, ${scale} scale, halvings marked, projected next retarget dashed`,
    height: 380,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 80, top: 36, bottom: 60 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8, showDataShadow: false }],
      xAxis: { type: 'time' },
      yAxis: [
        { type: scale === 'log' ? 'log' : 'value', name: 'USD/PH/day', scale: true },
        { type: scale === 'log' ? 'log' : 'value', name: 'BTC/PH/day', scale: true, splitLine: { show: false } },
      ],
      series: [
        { name: 'USD per PH/day', type: 'line', showSymbol: false, sampling: 'lttb', data: usd, markLine: halvingLines(series) },
        { name: 'BTC per PH/day', type: 'line', showSymbol: false, sampling: 'lttb', yAxisIndex: 1, data: btc },
        ...(projected.length ? [{ name: 'after next retarget (projected)', type: 'line', data: projected, lineStyle: { type: 'dashed' }, symbolSize: 6 }] : []),
      ],
    },
    csv: { columns: ['date', 'hashpriceUsdPerPhDay', 'hashpriceBtcPerPhDay'], rows: usd.map(([t, v]) => [day(t), v, btcByTime.get(t) ?? null]) },
  };
}

function marketChart(series: NetworkSeries) {
  const tops = ['4%', '36%', '68%'];
  const grids = tops.map((top) => ({ left: 80, right: 30, top, height: '24%' }));
  const byTime = (points: Point[]) => new Map(points.map(([t, v]) => [t, v]));
  const difficulty = byTime(series.difficulty);
  const hashrate = byTime(series.hashrateEhs);
  return {
    id: 'network-market',
    title: 'BTC price, difficulty and hashrate (linked axes)',
    description: `${series.btcPriceUsd.length} days; ${series.retargets.length} retargets and ${series.halvings.length} halvings marked`,
    height: 560,
    option: {
      tooltip: { trigger: 'axis' },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      legend: { top: 0, right: 0 },
      grid: grids,
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1, 2] }, { type: 'slider', xAxisIndex: [0, 1, 2], height: 18, bottom: 0 }],
      xAxis: grids.map((_, i) => ({ type: 'time', gridIndex: i, axisLabel: { show: i === 2 } })),
      yAxis: [
        { type: 'log', gridIndex: 0, name: 'BTC (USD)', scale: true },
        { type: 'value', gridIndex: 1, name: 'difficulty (T)', scale: true, axisLabel: { formatter: (v: number) => (v / 1e12).toFixed(0) } },
        { type: 'value', gridIndex: 2, name: 'EH/s', scale: true },
      ],
      series: [
        { name: 'BTC price', type: 'line', showSymbol: false, sampling: 'lttb', xAxisIndex: 0, yAxisIndex: 0, data: series.btcPriceUsd, markLine: halvingLines(series) },
        { name: 'difficulty', type: 'line', showSymbol: false, step: 'end', xAxisIndex: 1, yAxisIndex: 1, data: series.difficulty },
        { name: 'retargets', type: 'scatter', symbolSize: 4, xAxisIndex: 1, yAxisIndex: 1, data: series.retargets.filter((m) => m.value !== null).map((m) => [m.time, m.value, m.height]) },
        { name: 'hashrate', type: 'line', showSymbol: false, sampling: 'lttb', xAxisIndex: 2, yAxisIndex: 2, data: series.hashrateEhs },
      ],
    },
    csv: {
      columns: ['date', 'btcPriceUsd', 'difficulty', 'hashrateEhs'],
      rows: series.btcPriceUsd.map(([t, v]) => [day(t), v, difficulty.get(t) ?? null, hashrate.get(t) ?? null]),
    },
  };
}
