import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backtestHistory, networkDaysFromDailyCsv, type CompanyHistory } from '../../libs/economics/src';

const pct = (ratio: number | null) => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)} %`);

/** One markdown row per company: quarters, quarters compared, median |error| of production and of cost per BTC. */
export function universeBacktestTable(dataDir: string): string {
  const days = networkDaysFromDailyCsv(readFileSync(join(dataDir, 'reference', 'network-daily.csv'), 'utf8'));
  const dir = join(dataDir, 'companies', 'history');
  const rows = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CompanyHistory;
    const s = backtestHistory(history, days);
    const first = s.quarters[0]?.periodEnd ?? '–';
    const last = s.quarters.at(-1)?.periodEnd ?? '–';
    return `| ${history.ticker} | ${s.quarters.length} | ${first} … ${last} | ${s.productionQuarters} | ${pct(s.productionMedianAbsErrorRatio)} | ${s.costComparisons} | ${pct(s.costMedianAbsErrorRatio)} |`;
  });
  return [
    '| ticker | quarters with figures | periods | quarters compared (production) | median abs. error, production | cost comparisons | median abs. error, cost per BTC |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
