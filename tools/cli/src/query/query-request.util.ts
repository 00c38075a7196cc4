import type { CliFlagValues } from '../cli-command.interface';
import { numberFlag, optionalStringFlag } from '../cli-flags.util';
import { CliUsageError } from '../cli-usage.error';
import { dayFlag, instantFlag } from '../history-flags.util';
import { QUERY_ENDPOINTS, type QueryEndpoint } from './query-endpoints';
import { serviceBaseUrl, type Env } from './service-urls.util';

export type QueryFormat = 'csv' | 'json';

/** Everything one `hashdesk query <subcommand>` sends, read from its flags and the environment. */
export interface QueryRequest {
  readonly subcommand: string;
  readonly endpoint: QueryEndpoint;
  /** The full URL: base, path and query string. */
  readonly url: string;
  readonly format: QueryFormat;
  readonly timeoutMs: number;
  /** From HASHDESK_API_KEY, sent as x-api-key; never a flag, so it stays out of shell history and ps. */
  readonly apiKey?: string;
}

const ENDPOINT_FLAGS = ['ticker', 'as-of', 'known-at'] as const;
const TICKER = /^[A-Za-z0-9.]{1,10}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** A day means its end (23:59:59.999Z), as the offline `--as-of` does; a time with a zone is sent as given (in UTC). */
function instantParam(flags: CliFlagValues, flag: string): string | undefined {
  const raw = optionalStringFlag(flags, flag);
  if (raw === undefined) return undefined;
  if (ISO_DAY.test(raw)) return `${dayFlag(flags, flag)}T23:59:59.999Z`;
  return instantFlag(flags, flag)?.toISOString();
}

function readFormat(flags: CliFlagValues): QueryFormat {
  const raw = optionalStringFlag(flags, 'format');
  if (raw !== undefined && raw !== 'csv' && raw !== 'json') throw new CliUsageError('format', `must be csv or json, got '${raw}'`);
  if (raw === 'csv' && flags['json'] === true) throw new CliUsageError('format', 'cannot be csv with --json (which means --format json)');
  return raw ?? 'json';
}

function readTicker(flags: CliFlagValues): string {
  const raw = optionalStringFlag(flags, 'ticker');
  if (raw === undefined) throw new CliUsageError('ticker', 'is required (e.g. --ticker RIOT)');
  if (!TICKER.test(raw)) throw new CliUsageError('ticker', `must be 1-10 letters, digits or dots, got '${raw}'`);
  return raw.toUpperCase();
}

export function buildQueryRequest(subcommand: string, flags: CliFlagValues, env: Env): QueryRequest {
  const endpoint = QUERY_ENDPOINTS[subcommand];
  if (!endpoint) throw new CliUsageError(`query ${subcommand}`, `unknown subcommand (one of ${Object.keys(QUERY_ENDPOINTS).join(', ')})`, true);
  const takes = new Set(endpoint.flags.map((f) => f.flag));
  const stray = ENDPOINT_FLAGS.find((flag) => flags[flag] !== undefined && !takes.has(flag));
  if (stray) throw new CliUsageError(stray, `is not used by query ${subcommand} (it takes ${[...takes].map((f) => `--${f}`).join(', ') || 'none of --ticker, --as-of, --known-at'})`);

  const ticker = takes.has('ticker') ? readTicker(flags) : undefined;
  const format = readFormat(flags);
  const search = new URLSearchParams();
  for (const { flag, param } of endpoint.flags) {
    const value = param === undefined ? undefined : instantParam(flags, flag);
    if (param !== undefined && value !== undefined) search.set(param, value);
  }
  if (format === 'csv' && endpoint.serviceCsv) search.set('format', 'csv');
  const query = search.toString();
  const apiKey = env['HASHDESK_API_KEY']?.trim();
  return {
    subcommand,
    endpoint,
    url: `${serviceBaseUrl(endpoint.service, flags, env)}${endpoint.path(ticker)}${query ? `?${query}` : ''}`,
    format,
    timeoutMs: 1000 * (flags['timeout-seconds'] === undefined ? DEFAULT_TIMEOUT_SECONDS : numberFlag(flags, 'timeout-seconds', { min: 0, exclusiveMin: true, max: 600 })),
    ...(apiKey ? { apiKey } : {}),
  };
}
