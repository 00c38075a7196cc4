// One miner: cost per BTC by definition against the BTC price and its reported cost, fleet, balance sheet, contracts, lineage.
import type { ComparableRow } from '../lib/comparables';
import {
  balanceSheet, balanceSheetSeries, costSeries, efficiencySeries, figureSeries, lineageSources, newestPeriodFigures, pastQuarterEnds, reportedCosts, timelineEvents,
  type BacktestQuarter, type FigureRow, type FullValuation,
} from '../lib/company';
import { formatCompact, formatDay, formatNumber, formatUsd } from '../lib/format';
import { getJson, getOrNull } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { externalLink, h, link, notice, replace, section, table } from '../ui/dom';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function renderCompany(ctx: PageContext): Promise<void> {
  const ticker = ctx.params.ticker;
  const costs = section('Cost per BTC over time', 'company-costs');
  const fleet = section('Fleet', 'company-fleet');
  const sheet = section('Balance sheet', 'company-balance');
  const contracts = section('Contracts and policy events', 'company-timeline');
  const lineage = section('Lineage', 'company-lineage');
  const heading = h('h1', {}, ticker);
  replace(ctx.root, h('p', {}, link('/miners', '← Miners')), heading, h('div', { class: 'grid2' }, costs.element, fleet.element), h('div', { class: 'grid2' }, sheet.element, contracts.element), lineage.element);

  const base = `valuation/v1/companies/${ticker}`;
  const [history, backtest, latest, risk, policy, figures] = await Promise.all([
    getJson<{ items: ComparableRow[] }>(`${base}/valuations?limit=5000`, ctx.signal),
    getOrNull<{ quarters: BacktestQuarter[] }>(`${base}/backtest`, ctx.signal),
    getOrNull<FullValuation>(`${base}/valuation`, ctx.signal),
    getOrNull<{ evaluation?: { balanceSheetRisk?: Record<string, unknown> } }>(`risk/v1/risk/companies/${ticker}/scenarios`, ctx.signal),
    getOrNull<{ items: Array<Record<string, unknown>> }>(`risk/v1/risk/policy-events?ticker=${ticker}`, ctx.signal),
    getOrNull<{ items: FigureRow[] }>(`${base}/figures?versions=latest&limit=5000`, ctx.signal),
  ]);
  const figureRows = figures?.items ?? [];
  const lastRow = history.items.at(-1) ?? null;
  heading.textContent = `${ticker}${lastRow?.name ? ` · ${lastRow.name}` : ''}`;
  if (history.items.length === 0) {
    [costs, fleet, sheet, contracts, lineage].forEach((s) => replace(s.body, notice(`${ticker} has no valuation yet.`)));
    return;
  }

  // Cost per BTC by definition, the BTC price, and the reported cost to mine (the backtest).
  const series = costSeries(history.items);
  const reported = reportedCosts(backtest?.quarters ?? []);
  replace(costs.body);
  mountChart(costs.body, {
    id: 'company-costs',
    title: `${ticker}: cost per BTC vs BTC price and reported cost`,
    description: `${series.byDefinition.map((s) => s.label).join(', ') || 'no cost definition known'}; ${reported.length} reported quarters`,
    option: {
      tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 70, right: 20, top: 40, bottom: 50 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 6 }],
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'USD per BTC', axisLabel: { formatter: (v: number) => `$${formatCompact(v, 0)}` } },
      series: [
        ...series.byDefinition.map((s) => ({ name: s.label, type: 'line', showSymbol: false, data: s.points })),
        { name: 'BTC price', type: 'line', showSymbol: false, lineStyle: { color: '#9ca3af' }, data: series.btcPriceUsd },
        { name: 'reported cost to mine', type: 'scatter', symbol: 'diamond', symbolSize: 10, data: reported.map((r) => [r.time, r.reportedUsdPerBtc, r.definition, r.periodLabel]) },
      ],
    },
    csv: {
      columns: ['date', 'series', 'usdPerBtc'],
      rows: [
        ...series.byDefinition.flatMap((s) => s.points.map(([t, v]) => [day(t), s.key, v])),
        ...series.btcPriceUsd.map(([t, v]) => [day(t), 'btcPriceUsd', v]),
        ...reported.map((r) => [day(r.time), `reported:${r.definition}`, r.reportedUsdPerBtc]),
      ],
    },
  });

  // Fleet: hashrate at work from every valuation; J/TH as the company reported it, and derived at each quarter end (fleet power ÷ hashrate).
  const quarterValuations = await Promise.all(pastQuarterEnds(backtest?.quarters ?? []).map((d) => getOrNull<FullValuation>(`${base}/valuation?asOf=${d}T23:59:59Z`, ctx.signal)));
  const efficiency = efficiencySeries(quarterValuations);
  const reportedEfficiency = figureSeries(figureRows, 'fleet.efficiencyJth');
  replace(fleet.body);
  mountChart(fleet.body, {
    id: 'company-fleet',
    title: `${ticker}: fleet EH/s and J/TH`,
    description: `${series.hashrateEhs.length} hashrate figures; J/TH reported ${reportedEfficiency.length} times, derived at ${efficiency.length} quarter ends`,
    option: {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: [{ type: 'value', name: 'EH/s' }, { type: 'value', name: 'J/TH', splitLine: { show: false } }],
      series: [
        { name: 'hashrate at work (EH/s)', type: 'line', step: 'end', showSymbol: false, data: series.hashrateEhs },
        { name: 'fleet efficiency, derived (J/TH)', type: 'line', yAxisIndex: 1, data: efficiency },
        { name: 'fleet efficiency, reported (J/TH)', type: 'scatter', symbol: 'diamond', symbolSize: 9, yAxisIndex: 1, data: reportedEfficiency },
      ],
    },
    csv: {
      columns: ['date', 'series', 'value'],
      rows: [...series.hashrateEhs.map(([t, v]) => [day(t), 'hashrateEhs', v]), ...efficiency.map(([t, v]) => [day(t), 'derivedJth', v]), ...reportedEfficiency.map(([t, v]) => [day(t), 'reportedJth', v])],
    },
  });

  const levels = balanceSheetSeries(figureRows);
  replace(sheet.body);
  mountChart(sheet.body, {
    id: 'company-balance',
    title: `${ticker}: cash, debt, convertibles and BTC held`,
    description: levels.map((l) => `${l.label}: ${l.points.length}`).join(', '),
    height: 260,
    option: {
      tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 70, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: [{ type: 'value', name: 'USD', axisLabel: { formatter: (v: number) => `$${formatCompact(v, 0)}` } }, { type: 'value', name: 'BTC', splitLine: { show: false } }],
      series: levels.map((l) => ({ name: l.label, type: 'line', step: 'end', yAxisIndex: l.unit === 'btc' ? 1 : 0, data: l.points })),
    },
    csv: { columns: ['date', 'field', 'value'], rows: levels.flatMap((l) => l.points.map(([t, v]) => [day(t), l.field, v])) },
  });
  const lines = balanceSheet(latest, risk?.evaluation?.balanceSheetRisk ?? null);
  sheet.body.append(table(`As of ${formatDay(latest?.asOf)} (valuation) and risk's newest evaluation`, ['Figure', 'Value'],
    lines.map((l) => [l.label, l.kind === 'usd' ? formatUsd(l.value) : l.kind === 'btc' ? `${formatNumber(l.value, 0)} BTC` : l.value === null ? '–' : `${formatNumber(l.value, 1)} months`])));

  const events = timelineEvents(latest, policy?.items ?? [], figureRows);
  const lanes = ['HPC contract', 'Power', 'Convertible', 'Policy'];
  // A lone event (or a few in one week) would stretch one day across the axis: keep at least a year in view.
  const times = events.map((e) => e.time);
  const middle = times.length ? (Math.min(...times) + Math.max(...times)) / 2 : Date.now();
  const span = times.length ? Math.max(Math.max(...times) - Math.min(...times), 365 * 86_400_000) : 365 * 86_400_000;
  replace(contracts.body);
  mountChart(contracts.body, {
    id: 'company-timeline',
    title: `${ticker}: contracts and policy events`,
    description: `${events.length} events`,
    height: 220,
    option: {
      tooltip: { formatter: (p: { data: [number, string, string] }) => `${day(p.data[0])}<br>${p.data[2]}` },
      grid: { left: 100, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'time', min: middle - span * 0.55, max: middle + span * 0.55 }, yAxis: { type: 'category', data: lanes },
      series: [{ name: 'events', type: 'scatter', symbolSize: 12, data: events.map((e) => [e.time, e.lane, e.label]) }],
    },
    csv: { columns: ['date', 'lane', 'event', 'source'], rows: events.map((e) => [day(e.time), e.lane, e.label, e.source]) },
  });
  if (events.length === 0) contracts.body.append(notice('No HPC or power contract, site or policy event is on file for this company.'));

  const sources = lineageSources(lastRow, reported);
  const newest = newestPeriodFigures(figureRows).filter((r) => !/\]$/.test(r.field));
  const found = newest.filter((r) => r.value !== null);
  const missing = newest.filter((r) => r.value === null);
  const value = (r: FigureRow) => (typeof r.value === 'number' ? formatNumber(r.value, Math.abs(r.value) < 100 ? 2 : 0) : String(r.value));
  replace(lineage.body,
    table(`Every figure of the newest period (${newest[0]?.periodEnd ?? '–'}): ${found.length} known, ${missing.length} not found`,
      ['Figure', 'Value', 'As of', 'Known at', 'Quality', 'Excerpt', 'Source'],
      found.map((r) => [r.field, value(r), r.asOf ?? '–', r.knownAt ?? '–', r.sourceQuality ?? '–', r.excerpt ?? r.note ?? '', r.source && /^https?:\/\//.test(r.source) ? externalLink(r.source, new URL(r.source).hostname) : r.source ?? '–']),
      { class: 'lineage-table', 'data-testid': 'figure-lineage' }),
    h('details', {}, h('summary', {}, `Not found (${missing.length}), with the reason`),
      h('ul', { class: 'lineage' }, ...missing.map((r) => h('li', {}, `${r.field}: ${r.note ?? 'no reason recorded'}`)))),
    h('p', { class: 'notice' }, `Newest valuation ${latest ? formatDay(latest.asOf) : '–'}: ${latest?.lineage?.methodologyVersion ?? ''}`),
    h('ul', { class: 'lineage' }, ...(latest?.lineage?.inputs ?? []).map((i) => h('li', {}, `${i.eventType} ${i.eventId} (${i.eventTime})`))),
    h('h3', {}, `Sources (${sources.length})`),
    h('ul', { class: 'lineage' }, ...sources.map((s) => h('li', {}, externalLink(s)))));
}
