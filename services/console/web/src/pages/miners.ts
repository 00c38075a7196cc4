// Miners: the comparables table (sortable, columns chosen, as of a date) and cost per BTC against EV/EH.
import { bubbleSizePx, chooseCostDefinition, COLUMNS, COST_DEFINITIONS, DEFAULT_COLUMNS, parseColumns, scatterPoints, sortRows, type ComparableRow } from '../lib/comparables';
import { formatCompact, formatDay, formatUsd, formatValue } from '../lib/format';
import { endOfDayIso, readState, writeState } from '../lib/url-state';
import { getJson } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { h, link, loading, notice, replace } from '../ui/dom';

const DEFAULTS = { asOf: '', sort: 'evPerOperatingEhUsd', order: 'desc', cols: DEFAULT_COLUMNS.join(','), cost: 'allInCostPerBtcUsd' };

export async function renderMiners(ctx: PageContext): Promise<void> {
  const state = readState(ctx.search, DEFAULTS);
  const set = (patch: Partial<typeof DEFAULTS>) => ctx.setQuery(writeState({ ...state, ...patch }, DEFAULTS));
  const columns = parseColumns(state.cols);
  const order = state.order === 'asc' ? 'asc' : 'desc';
  const asOf = endOfDayIso(state.asOf);

  const chooser = h('details', { class: 'columns' }, h('summary', {}, `Columns (${columns.length})`),
    h('fieldset', {}, h('legend', {}, 'Columns shown'),
      ...COLUMNS.filter((c) => c.key !== 'ticker').map((c) => h('label', {},
        h('input', { type: 'checkbox', name: 'column', value: c.key, checked: columns.includes(c.key),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            set({ cols: (on ? [...columns, c.key] : columns.filter((k) => k !== c.key)).join(',') });
          } }), c.label))));
  const tableHost = h('div', { class: 'scroll' }, loading('the comparables'));
  const chartHost = h('div', {});
  replace(ctx.root,
    h('h1', {}, 'Miners'),
    h('div', { class: 'controls' },
      h('label', { for: 'miners-as-of' }, 'As of (UTC day, no look-ahead)',
        h('input', { id: 'miners-as-of', type: 'date', value: state.asOf, max: new Date().toISOString().slice(0, 10), onchange: (e: Event) => set({ asOf: (e.target as HTMLInputElement).value }) })),
      h('button', { type: 'button', onclick: () => set({ asOf: '' }), disabled: state.asOf === '' }, 'Latest'),
      h('label', { for: 'miners-cost' }, 'Scatter cost definition',
        h('select', { id: 'miners-cost', onchange: (e: Event) => set({ cost: (e.target as HTMLSelectElement).value }) },
          ...COST_DEFINITIONS.map((d) => h('option', { value: d.key, selected: d.key === state.cost }, d.label)))),
      chooser),
    h('section', { class: 'panel', 'aria-labelledby': 'comparables-title' }, h('h2', { id: 'comparables-title' }, 'Comparables'), tableHost),
    h('section', { class: 'panel', 'aria-label': 'Scatter' }, chartHost));

  const body = await getJson<{ items: ComparableRow[] }>(`valuation/v1/comparables?limit=5000${asOf ? `&asOf=${asOf}` : ''}`, ctx.signal);
  const rows = sortRows(body.items, state.sort, order);
  if (rows.length === 0) {
    replace(tableHost, notice(asOf ? `No company was valued by ${state.asOf}.` : 'No company valued yet: the main job loads the company histories.'));
    return;
  }
  replace(tableHost, comparablesTable(rows, columns, state.sort, order, asOf, (sort) => set({ sort, order: sort === state.sort && order === 'desc' ? 'asc' : 'desc' })));

  const { definition, fellBack } = chooseCostDefinition(rows, state.cost, state.cost === DEFAULTS.cost);
  const { points, leftOut } = scatterPoints(rows, definition.key);
  const largest = Math.max(0, ...points.map((p) => p.hashrateEhs));
  mountChart(chartHost, {
    id: 'miners-scatter',
    title: `${definition.label} cost per BTC vs EV/EH (bubble = EH/s)`,
    description: `${points.length} companies${leftOut.length ? `; without the figures: ${leftOut.join(', ')}` : ''}`,
    height: 420,
    option: {
      tooltip: { formatter: (p: { data: [number, number, number, string] }) => `${p.data[3]}<br>EV/EH ${formatUsd(p.data[0])}<br>cost/BTC ${formatUsd(p.data[1])}<br>${p.data[2].toFixed(1)} EH/s` },
      grid: { left: 80, right: 30, top: 30, bottom: 50 },
      xAxis: { type: 'value', name: 'EV per operating EH/s (USD)', nameLocation: 'middle', nameGap: 30, scale: true, axisLabel: { formatter: (v: number) => `$${formatCompact(v, 0)}` } },
      yAxis: { type: 'value', name: `${definition.label} cost per BTC (USD)`, scale: true, axisLabel: { formatter: (v: number) => `$${formatCompact(v, 0)}` } },
      series: [{
        name: 'companies', type: 'scatter',
        data: points.map((p) => [p.evPerEhUsd, p.costPerBtcUsd, p.hashrateEhs, p.ticker]),
        symbolSize: (value: [number, number, number]) => bubbleSizePx(value[2], largest),
        label: { show: true, formatter: (p: { data: [number, number, number, string] }) => p.data[3], position: 'top' },
        itemStyle: { opacity: 0.7 },
      }],
    },
    csv: { columns: ['ticker', 'evPerOperatingEhUsd', definition.key, 'hashrateAtWorkEhs'], rows: points.map((p) => [p.ticker, p.evPerEhUsd, p.costPerBtcUsd, p.hashrateEhs]) },
  });
  if (fellBack) chartHost.append(notice(`No company has an all-in cost per BTC ${asOf ? 'by then' : 'yet'} (their profiles lack the opex it needs): showing the ${definition.label} cost, the most often known.`));
  if (leftOut.length) chartHost.append(notice(`Not plotted (no EV/EH, ${definition.label} cost or hashrate in their valuation): ${leftOut.join(', ')}.`));
}

function comparablesTable(rows: ComparableRow[], columns: string[], sort: string, order: 'asc' | 'desc', asOf: string | undefined, onSort: (key: string) => void): HTMLTableElement {
  const defs = columns.map((key) => COLUMNS.find((c) => c.key === key)!);
  return h('table', { id: 'comparables', 'data-rows': rows.length, 'data-as-of': asOf ?? 'latest' },
    h('caption', {}, `${rows.length} companies, each at its newest valuation ${asOf ? `as of ${formatDay(asOf)}` : 'now'}. Select a header to sort.`),
    h('thead', {}, h('tr', {}, ...defs.map((c) => h('th', {
      scope: 'col', class: c.kind === 'text' ? 'text' : '', 'aria-sort': c.key === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
    }, h('button', { type: 'button', onclick: () => onSort(c.key) }, `${c.label}${c.key === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}`))))),
    h('tbody', {}, ...rows.map((row) => h('tr', { 'data-ticker': row.ticker }, ...defs.map((c) => h('td', { class: c.kind === 'text' ? 'text' : '' },
      c.key === 'ticker' ? link(`/miners/${row.ticker}`, row.ticker) : formatValue(row[c.key], c.kind)))))));
}
