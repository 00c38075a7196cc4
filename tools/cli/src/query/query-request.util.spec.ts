import { parseFlags } from '../cli-flags.util';
import { CliUsageError } from '../cli-usage.error';
import { queryCommand } from '../commands/query.command';
import { buildQueryRequest } from './query-request.util';

const BASE = ['--url', 'http://h:8080'];
const request = (subcommand: string, argv: string[], env: Record<string, string> = {}) =>
  buildQueryRequest(subcommand, parseFlags([...BASE, ...argv], queryCommand.flags), env);

describe('query flags → request', () => {
  it.each([
    ['comparables', [], 'http://h:8080/v1/comparables'],
    ['valuation', ['--ticker', 'riot'], 'http://h:8080/v1/companies/RIOT/valuation'],
    ['scenarios', ['--ticker', 'WULF'], 'http://h:8080/v1/risk/companies/WULF/scenarios'],
    ['alerts', [], 'http://h:8080/v1/alerts'],
    ['backtest', ['--ticker', 'mara'], 'http://h:8080/v1/companies/MARA/backtest'],
  ])('given `query %s %j`, when read, then it GETs %s', (subcommand, argv, url) => {
    expect(request(subcommand, argv).url).toBe(url);
  });

  it('given --as-of as a day and --known-at as a zoned time, when read, then asOf is the end of that day and knownAt the instant in UTC', () => {
    const { url } = request('valuation', ['--ticker', 'RIOT', '--as-of', '2025-10-01', '--known-at', '2025-10-02T09:30:00+02:00']);

    expect(new URL(url).searchParams.get('asOf')).toBe('2025-10-01T23:59:59.999Z');
    expect(new URL(url).searchParams.get('knownAt')).toBe('2025-10-02T07:30:00.000Z');
  });

  it('given --format csv, when read, then format=csv is asked only of endpoints that write CSV themselves', () => {
    expect(new URL(request('comparables', ['--format', 'csv']).url).searchParams.get('format')).toBe('csv');
    expect(new URL(request('backtest', ['--ticker', 'RIOT', '--format', 'csv']).url).searchParams.get('format')).toBe('csv');
    expect(request('alerts', ['--format', 'csv']).url).toBe('http://h:8080/v1/alerts');
    expect(request('comparables', []).format).toBe('json');
  });

  it('given HASHDESK_API_KEY, when read, then the request carries it; without it, none', () => {
    expect(request('alerts', [], { HASHDESK_API_KEY: ' hdk_desk_1 ' }).apiKey).toBe('hdk_desk_1');
    expect(request('alerts', [], { HASHDESK_API_KEY: '' }).apiKey).toBeUndefined();
    expect(request('alerts', []).apiKey).toBeUndefined();
  });

  it('given --timeout-seconds, when read, then it is kept in ms (default 30 s)', () => {
    expect(request('alerts', ['--timeout-seconds', '2.5']).timeoutMs).toBe(2500);
    expect(request('alerts', []).timeoutMs).toBe(30_000);
  });

  it.each([
    ['valuation', [], '--ticker: is required'],
    ['scenarios', ['--ticker', 'RI OT'], '--ticker: must be 1-10 letters, digits or dots'],
    ['alerts', ['--ticker', 'RIOT'], '--ticker: is not used by query alerts'],
    ['backtest', ['--ticker', 'RIOT', '--as-of', '2025-10-01'], '--as-of: is not used by query backtest (it takes --ticker)'],
    ['scenarios', ['--ticker', 'RIOT', '--known-at', '2025-10-01'], '--known-at: is not used by query scenarios'],
    ['valuation', ['--ticker', 'RIOT', '--as-of', '2025-02-30'], '--as-of: must be a real date'],
    ['comparables', ['--known-at', 'yesterday'], '--known-at: must be YYYY-MM-DD or an ISO time'],
    ['comparables', ['--format', 'xlsx'], '--format: must be csv or json'],
    ['comparables', ['--format', 'csv', '--json'], '--format: cannot be csv with --json'],
    ['alerts', ['--timeout-seconds', '0'], '--timeout-seconds: must be a number from 0 (excluded) to 600'],
    ['portfolio', [], 'query portfolio: unknown subcommand'],
  ])('given `query %s %j`, when read, then a usage error says "%s"', (subcommand, argv, message) => {
    expect(() => request(subcommand, argv)).toThrow(CliUsageError);
    expect(() => request(subcommand, argv)).toThrow(message);
  });
});
