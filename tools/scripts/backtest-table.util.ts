import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPeriodProfile, networkDayFromDaily, parseCompanyProfile, summarizeBacktest, type CompanyHistory, type NetworkDay,
} from '../../libs/economics/src';

/** The bundled daily network history as NetworkDays. */
export function bundledNetworkDays(dataDir: string): NetworkDay[] {
  const [header, ...lines] = readFileSync(join(dataDir, 'reference', 'network-daily.csv'), 'utf8').trim().split('\n');
  const col = new Map(header.split(',').map((name, i) => [name, i]));
  return lines.map((line) => {
    const c = line.split(',');
    const n = (name: string) => Number(c[col.get(name) as number]);
    return networkDayFromDaily({ date: c[0], priceUsd: n('price_usd'), hashrateThs: n('hashrate_ths'), blocks: n('blocks'), issuanceBtc: n('issuance_btc'), feesBtc: n('fees_btc') });
  });
}

const pct = (ratio: number | null) => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)} %`);

/** One markdown row per company: quarters, quarters compared, median |error| of production and of cost per BTC. */
export function universeBacktestTable(dataDir: string): string {
  const days = bundledNetworkDays(dataDir);
  const dir = join(dataDir, 'companies', 'history');
  const rows = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CompanyHistory;
    const profiles = history.quarters
      .map((q) => buildPeriodProfile(history, q.periodEnd))
      .filter((p): p is Record<string, unknown> => p !== null)
      .map((p) => parseCompanyProfile(p));
    const s = summarizeBacktest(history.ticker, profiles, days);
    const first = profiles[0]?.period.endDate ?? '–';
    const last = profiles.at(-1)?.period.endDate ?? '–';
    return `| ${history.ticker} | ${profiles.length} | ${first} … ${last} | ${s.productionQuarters} | ${pct(s.productionMedianAbsErrorRatio)} | ${s.costComparisons} | ${pct(s.costMedianAbsErrorRatio)} |`;
  });
  return [
    '| ticker | quarters with figures | periods | quarters compared (production) | median abs. error, production | cost comparisons | median abs. error, cost per BTC |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
