// A chart panel: title, PNG and CSV buttons, and data attributes that say what was drawn (the browser tests read them).
import { toCsv, downloadName, type CsvCell } from '../lib/csv';
import { download, h } from './dom';
import { echarts, type ChartOption, type ECharts } from './echarts';

export interface ChartSpec {
  id: string;
  title: string;
  description: string;
  option: ChartOption;
  csv: { columns: string[]; rows: CsvCell[][] };
  height?: number;
}

const live = new Set<ECharts>();
window.addEventListener('resize', () => live.forEach((c) => c.resize()));

/** Disposes every chart of the page being left. */
export function disposeCharts(): void {
  live.forEach((c) => c.dispose());
  live.clear();
}

export function mountChart(parent: HTMLElement, spec: ChartSpec): { chart: ECharts; update(option: ChartOption, csv?: ChartSpec['csv']): void } {
  const canvasHost = h('div', { class: 'chart', role: 'img', 'aria-label': `${spec.title}: ${spec.description}`, style: `height:${spec.height ?? 360}px` });
  let csv = spec.csv;
  const panel = h('figure', { class: 'chart-panel', 'data-chart': spec.id },
    h('figcaption', {},
      h('span', { class: 'chart-title' }, spec.title),
      h('span', { class: 'actions' },
        h('button', { type: 'button', 'aria-label': `Download ${spec.title} as PNG`, onclick: () => download(downloadName(spec.id, 'png'), chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })) }, 'PNG'),
        h('button', { type: 'button', 'aria-label': `Download the data of ${spec.title} as CSV`, onclick: () => {
          const url = URL.createObjectURL(new Blob([toCsv(csv.columns, csv.rows)], { type: 'text/csv' }));
          download(downloadName(spec.id, 'csv'), url);
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        } }, 'CSV'))),
    canvasHost);
  parent.append(panel);
  // No animation: the first paint is the final one (and the tests read it at once).
  const chart = echarts.init(canvasHost, undefined, { renderer: 'canvas' });
  live.add(chart);
  const update = (option: ChartOption, nextCsv?: ChartSpec['csv']) => {
    if (nextCsv) csv = nextCsv;
    chart.setOption({ animation: false, ...option }, { notMerge: true });
    describe(panel, chart);
  };
  update(spec.option);
  return { chart, update };
}

/** data-series: how many series ECharts holds; data-points: each one's point count. */
function describe(panel: HTMLElement, chart: ECharts): void {
  const series = ((chart.getOption() as { series?: Array<{ data?: unknown[] }> }).series ?? []);
  panel.dataset.series = String(series.length);
  panel.dataset.points = series.map((s) => (Array.isArray(s.data) ? s.data.length : 0)).join(',');
  panel.dataset.ready = 'true';
}
