import { buildPeriodProfile } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { optionalStringFlag, stringFlag } from '../cli-flags.util';
import { renderGrid } from '../cli-output.util';
import { CliUsageError } from '../cli-usage.error';
import { companyHistories, historyOf } from '../company-history.reader';
import { dayFlag, instantFlag, lastPublicationDayKnownAt } from '../history-flags.util';

/** Quarters with at least one published figure, oldest first. */
function publishedPeriods(ticker: string): string[] {
  const history = historyOf(ticker);
  const withFigures = new Set(history.figures.filter((f) => (f.kind ?? 'quarter') === 'quarter').map((f) => f.periodEnd));
  return history.quarters.map((q) => q.periodEnd).filter((end) => withFigures.has(end)).sort();
}

function listJson(): Array<Record<string, unknown>> {
  return [...companyHistories().values()].map((h) => {
    const periods = publishedPeriods(h.ticker);
    return { ticker: h.ticker, name: h.name, periods: periods.length, firstPeriodEnd: periods[0] ?? null, lastPeriodEnd: periods.at(-1) ?? null };
  });
}

/** Each figure of the profile on one line: path, value, as-of, known-at, source. */
function profileText(profile: Record<string, unknown>): string {
  const rows: Array<Array<string | number | null>> = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    if ('value' in node && 'source' in node) {
      const f = node as Record<string, unknown>;
      rows.push([path, f['value'] as number | null, (f['asOf'] as string) ?? '-', (f['knownAt'] as string) ?? '-', (f['source'] as string) ?? String(f['note'] ?? '')]);
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(profile, '');
  return renderGrid(['figure', 'value', 'asOf', 'knownAt', 'source (or why null)'], rows);
}

export const profileCommand: CliCommand = {
  name: 'profile',
  summary: "a company's researched quarter (each figure with its source, publication date and excerpt), point in time",
  usage: ['--ticker <T> --period-end <YYYY-MM-DD> [--known-at <ISO>] [--json]', '--list [--json]'].join('\n'),
  flags: {
    ticker: { type: 'string', placeholder: '<T>', description: 'company ticker, e.g. RIOT (hashdesk profile --list shows them)' },
    'period-end': { type: 'string', placeholder: '<YYYY-MM-DD>', description: 'the fiscal quarter, by its last day' },
    'known-at': { type: 'string', placeholder: '<ISO>', description: 'as known at this time: only sources published before it (default: everything)' },
    list: { type: 'boolean', description: 'every company with its number of published quarters, first and last' },
  },
  notes: [
    'Flows (production, revenue, costs) are the quarter\'s own; levels (hashrate, BTC held, cash, debt) are the',
    'newest dated at or before the quarter end. A figure not found is null with its reason in `note`.',
    'A source published on day D counts from D+1 00:00Z.',
  ],
  run(flags) {
    if (flags['list'] === true) {
      const list = listJson();
      return { json: list, text: renderGrid(['ticker', 'name', 'periods', 'first', 'last'], list.map((r) => [r['ticker'], r['name'], r['periods'], r['firstPeriodEnd'], r['lastPeriodEnd']] as Array<string | number | null>)) };
    }
    const ticker = stringFlag(flags, 'ticker');
    const history = historyOf(ticker);
    const periodEnd = dayFlag(flags, 'period-end');
    if (periodEnd === undefined) throw new CliUsageError('period-end', 'is required (or give --list)');
    if (!history.quarters.some((q) => q.periodEnd === periodEnd)) {
      throw new CliUsageError('period-end', `${history.ticker} has no fiscal quarter ending ${periodEnd} (quarters: ${history.quarters.map((q) => q.periodEnd).join(', ')})`);
    }
    const knownAt = optionalStringFlag(flags, 'known-at') === undefined ? undefined : instantFlag(flags, 'known-at');
    const profile = buildPeriodProfile(history, periodEnd, knownAt ? lastPublicationDayKnownAt(knownAt) : undefined);
    if (!profile) {
      const flag = knownAt ? 'known-at' : 'period-end';
      throw new CliUsageError(flag, knownAt ? `nothing of ${history.ticker}'s quarter ending ${periodEnd} was published before ${knownAt.toISOString()}` : `no figure of ${history.ticker}'s quarter ending ${periodEnd} was found`);
    }
    return { json: profile, text: profileText(profile) };
  },
};

