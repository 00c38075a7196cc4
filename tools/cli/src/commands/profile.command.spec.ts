import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompanyHistory, HistoryFigure } from '@hashdesk/economics';
import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

// Expectations come from the bundled history file itself, so the test follows the data it checks.
const riot = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'data', 'companies', 'history', 'riot.json'), 'utf8')) as CompanyHistory;
const production = riot.figures
  .filter((f) => f.field === 'production.btcProducedInPeriod' && (f.kind ?? 'quarter') === 'quarter')
  .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))[0] as HistoryFigure;
const sameSlot = riot.figures.filter((f) => f.field === production.field && f.periodEnd === production.periodEnd);
const firstPublished = sameSlot.map((f) => f.knownAt).sort()[0];
// The day the quarter's results first appeared: its earliest flow figure (production, revenue, costs, …).
const FLOWS = /InPeriod$|reportedCostPerBtc$/;
const quarterFirstPublished = riot.figures
  .filter((f) => f.periodEnd === production.periodEnd && (f.kind ?? 'quarter') === 'quarter' && FLOWS.test(f.field))
  .map((f) => f.knownAt).sort()[0];

describe('hashdesk profile', () => {
  it('given RIOT and a quarter end, when run with --json, then each figure carries value, asOf, knownAt and source, in the shipped profile shape', () => {
    const json = runHashdeskJson('profile', '--ticker', 'RIOT', '--period-end', production.periodEnd);
    const figure = (json['production'] as Record<string, Record<string, unknown>>)['btcProducedInPeriod'];
    expect(sameSlot.map((f) => f.value)).toContain(figure['value']);
    expect(Object.keys(figure)).toEqual(expect.arrayContaining(['value', 'asOf', 'knownAt', 'source']));
    for (const path of [['balanceSheet', 'btcHeld'], ['balanceSheet', 'cashUsd'], ['fleet', 'operatingHashrateEhs'], ['fleet', 'installedHashrateEhs']]) {
      expect(Object.keys((json[path[0]] as Record<string, Record<string, unknown>>)[path[1]])).toEqual(expect.arrayContaining(['value', 'asOf', 'knownAt', 'source']));
    }
    expect(json['period']).toMatchObject({ endDate: production.periodEnd });
  });

  it('given --known-at the day its first source was published, when run, then that source is not yet known (it counts from the next day)', () => {
    const before = runHashdesk('profile', '--ticker', 'RIOT', '--period-end', production.periodEnd, '--known-at', firstPublished, '--json');
    if (before.status === 0) {
      const figure = (JSON.parse(before.stdout)['production'] as Record<string, Record<string, unknown>>)['btcProducedInPeriod'];
      expect(figure['value']).toBeNull();
    } else {
      expectUsageError(before, 'known-at', /nothing of RIOT's quarter/);
    }
    const next = new Date(Date.parse(`${firstPublished}T00:00:00Z`) + 86_400_000).toISOString();
    const after = runHashdeskJson('profile', '--ticker', 'RIOT', '--period-end', production.periodEnd, '--known-at', next);
    expect((after['production'] as Record<string, Record<string, unknown>>)['btcProducedInPeriod']['knownAt']).toBe(firstPublished);
  });

  it('given --list, when run with --json, then every company is listed with its periods, first and last', () => {
    const run = runHashdesk('profile', '--list', '--json');
    expect(run.status).toBe(0);
    const list = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThanOrEqual(18);
    expect(list.find((c) => c['ticker'] === 'RIOT')).toMatchObject({ name: riot.name, firstPeriodEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    for (const c of list) expect(c['periods'] as number).toBeGreaterThan(0);
  });

  it.each([
    { args: ['--ticker', 'NOPE', '--period-end', '2024-03-31'], flag: 'ticker', rule: /unknown ticker 'NOPE'/ },
    { args: ['--ticker', 'RIOT', '--period-end', '2024-03-30'], flag: 'period-end', rule: /no fiscal quarter ending 2024-03-30/ },
    { args: ['--ticker', 'RIOT', '--period-end', '2015-02-30'], flag: 'period-end', rule: /real date/ },
    { args: ['--ticker', 'RIOT', '--period-end', '2024-03-31', '--known-at', '2024-03-31T10:00:00'], flag: 'known-at', rule: /with a zone/ },
    { args: ['--ticker', 'RIOT'], flag: 'period-end', rule: /is required/ },
  ])('given $args, when run, then exit 2 names --$flag', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('profile', ...args, '--json'), flag, rule);
  });
});

describe('hashdesk company --ticker --as-of', () => {
  it('given RIOT as of the day after a quarter was published, when run, then it is valued on that quarter with that day\'s network', () => {
    const next = new Date(Date.parse(`${quarterFirstPublished}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const json = runHashdeskJson('company', '--ticker', 'RIOT', '--as-of', next);
    expect(json['asOf']).toBe(production.periodEnd);
    expect((json['market'] as Record<string, number>)['btcPriceUsd']).toBeGreaterThan(0);
  });

  it('given the day the quarter was published, when run, then the earlier state is used (no look-ahead)', () => {
    const run = runHashdesk('company', '--ticker', 'RIOT', '--as-of', quarterFirstPublished, '--json');
    if (run.status === 0) expect(JSON.parse(run.stdout)['asOf'] < production.periodEnd).toBe(true);
    else expectUsageError(run, 'as-of', /nothing of RIOT was published before/);
  });

  it.each([
    { args: ['--ticker', 'RIOT'], flag: 'as-of', rule: /is required with --ticker/ },
    { args: ['--ticker', 'RIOT', '--as-of', '2030-01-01'], flag: 'as-of', rule: /has no 2030-01-01/ },
    { args: ['--ticker', 'ZZZZ', '--as-of', '2024-01-01'], flag: 'ticker', rule: /unknown ticker/ },
  ])('given $args, when run, then exit 2 names --$flag', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('company', ...args, '--json'), flag, rule);
  });
});

describe('hashdesk backtest', () => {
  it('given RIOT, when run with --json, then each quarter compares modelled and reported production with its error', () => {
    const json = runHashdeskJson('backtest', '--ticker', 'RIOT');
    const quarters = json['quarters'] as Array<Record<string, number | null>>;
    expect(quarters.length).toBe(riot.quarters.filter((q) => riot.figures.some((f) => f.periodEnd === q.periodEnd && (f.kind ?? 'quarter') === 'quarter')).length);
    const compared = quarters.filter((q) => q['productionErrorRatio'] !== null);
    expect(compared.length).toBeGreaterThan(0);
    for (const q of compared) {
      expect(q['productionErrorRatio']).toBeCloseTo(((q['modelledBtcProduced'] as number) - (q['reportedBtcProduced'] as number)) / (q['reportedBtcProduced'] as number), 12);
    }
    expect(json['productionQuarters']).toBe(compared.length);
  });

  it('given an unknown ticker, when run, then exit 2 names --ticker', () => {
    expectUsageError(runHashdesk('backtest', '--ticker', 'NOPE', '--json'), 'ticker', /unknown ticker/);
  });
});
