// Machines: the ASIC break-even table at the newest hashprice, by power price, with each region's newest price.
import { formatDay, formatInstant, formatNumber, formatUsd } from '../lib/format';
import { parsePowerPrice, powerPriceColumns, sortMachines, type MachineTable } from '../lib/machines';
import { readState, writeState } from '../lib/url-state';
import { getJson, getOrNull } from '../ui/api';
import type { PageContext } from '../ui/app';
import { mountChart } from '../ui/chart';
import { h, notice, replace, section, table } from '../ui/dom';

const DEFAULTS = { power: '' };

export async function renderMachines(ctx: PageContext): Promise<void> {
  const state = readState(ctx.search, DEFAULTS);
  const power = parsePowerPrice(state.power);
  const input = h('input', { id: 'machines-power', type: 'number', min: 0, max: 1, step: 0.001, value: state.power, placeholder: 'reference prices' });
  const form = h('form', { class: 'controls', onsubmit: (e: Event) => { e.preventDefault(); ctx.setQuery(writeState({ power: input.value }, DEFAULTS)); } },
    h('label', { for: 'machines-power' }, 'Power price (USD/kWh; empty: the reference prices and every region)', input),
    h('button', { type: 'submit' }, 'Show'));
  const breakeven = section('Break-even by power price', 'machines-table');
  const regions = section('Regional power prices (newest)', 'machines-regions');
  replace(ctx.root, h('h1', {}, 'Machines'), form, breakeven.element, regions.element);

  const [machineTable, prices] = await Promise.all([
    getOrNull<MachineTable>(`valuation/v1/machines/breakeven${power !== undefined ? `?powerUsdPerKwh=${power}` : ''}`, ctx.signal),
    getJson<{ items: Array<{ region: string; powerUsdPerKwh: number; marketType: string; eventTime: string }> }>('valuation/v1/machines/power-prices', ctx.signal),
  ]);
  replace(regions.body, prices.items.length
    ? table(`${prices.items.length} regions`, ['Region', 'USD/kWh', 'Market', 'Observed'], prices.items.map((p) => [p.region, formatNumber(p.powerUsdPerKwh, 4), p.marketType, formatInstant(p.eventTime)]))
    : notice('No regional power price observed yet (the EIA and ERCOT adapters of ingest publish them).'));
  if (!machineTable) {
    replace(breakeven.body, notice('No hashprice yet: the table needs a BTC price and a network snapshot.'));
    return;
  }
  const rows = sortMachines(machineTable.rows);
  const columns = powerPriceColumns(machineTable);
  replace(breakeven.body, h('p', { class: 'notice' },
    `At the hashprice of ${formatDay(machineTable.asOf)}: ${formatUsd(machineTable.hashpriceUsdPerPhDay)}/PH/day, BTC ${formatUsd(machineTable.btcPriceUsd)}. Profit in USD per machine per day.`));
  mountChart(breakeven.body, {
    id: 'machines-breakeven',
    title: 'Break-even power price by machine',
    description: `${rows.length} machines, most efficient first; lines at ${columns.length} power prices`,
    height: 420,
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 30, top: 20, bottom: 40 },
      xAxis: { type: 'value', name: 'USD/kWh' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.model) },
      series: [{
        name: 'break-even power price', type: 'bar', data: rows.map((r) => r.breakevenPowerUsdPerKwh),
        markLine: { symbol: 'none', data: columns.map((c) => ({ xAxis: c.powerUsdPerKwh, name: c.label })), label: { formatter: (p: { name: string }) => p.name } },
      }],
    },
    csv: { columns: ['model', 'efficiencyJth', 'breakevenPowerUsdPerKwh', ...columns.map((c) => `profitUsdPerDay@${c.region ?? c.powerUsdPerKwh}`)],
      rows: rows.map((r) => [r.model, r.efficiencyJth, r.breakevenPowerUsdPerKwh, ...r.atPowerPrices.map((p) => p.profitUsdPerDay)]) },
  });
  breakeven.body.append(h('div', { class: 'scroll' }, table(`${rows.length} machines × ${columns.length} power prices`,
    ['Model', 'J/TH', 'TH/s', 'W', 'Break-even USD/kWh', 'Revenue/day', ...columns.map((c) => `Profit/day at ${c.label}`)],
    rows.map((r) => [`${r.manufacturer} ${r.model}`, formatNumber(r.efficiencyJth, 1), formatNumber(r.hashrateThs, 0), formatNumber(r.powerW, 0), formatNumber(r.breakevenPowerUsdPerKwh, 4),
      formatUsd(r.revenueUsdPerDay), ...r.atPowerPrices.map((p) => formatUsd(p.profitUsdPerDay))]),
    { id: 'machines-breakeven-table' })));
}
