import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { networkDaysFromDailyCsv, type CompanyHistory, type NetworkDay } from '@hashdesk/economics';
import { CliUsageError } from './cli-usage.error';

/*
 * The bundled data the offline commands read: the researched company histories
 * (data/companies/history) and the daily network history (data/reference/network-daily.csv).
 * HASHDESK_DATA_DIR points at another data folder of the same layout.
 */

function dataDir(): string {
  if (process.env['HASHDESK_DATA_DIR']) return resolve(process.env['HASHDESK_DATA_DIR']);
  // The bundle runs from tools/cli/dist, the sources from tools/cli/src: the repo root is three up either way.
  for (let dir = __dirname, i = 0; i < 6; i += 1, dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'data', 'companies', 'history'))) return join(dir, 'data');
  }
  throw new Error('cannot find data/companies/history; set HASHDESK_DATA_DIR to the data folder');
}

let histories: Map<string, CompanyHistory> | undefined;

/** Every company history by ticker (read once per run). */
export function companyHistories(): Map<string, CompanyHistory> {
  if (!histories) {
    const dir = join(dataDir(), 'companies', 'history');
    histories = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CompanyHistory)
        .map((h) => [h.ticker, h]),
    );
  }
  return histories;
}

/** The history of `--ticker`, or a usage error naming the flag and the tickers there are. */
export function historyOf(ticker: string, flag = 'ticker'): CompanyHistory {
  const history = companyHistories().get(ticker.toUpperCase());
  if (!history) throw new CliUsageError(flag, `unknown ticker '${ticker}' (known: ${[...companyHistories().keys()].join(', ')})`);
  return history;
}

let days: NetworkDay[] | undefined;

/** The bundled daily network history, one NetworkDay per row, oldest first. */
export function networkDays(): NetworkDay[] {
  days ??= networkDaysFromDailyCsv(readFileSync(join(dataDir(), 'reference', 'network-daily.csv'), 'utf8'));
  return days;
}
