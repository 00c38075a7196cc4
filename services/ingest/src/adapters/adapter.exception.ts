/** Why a request, a response or a value was refused: a stable code the scheduler can switch on. */
export enum AdapterExceptionCode {
  /** HTTP 429, or throttling disguised as a 200 (Alpha Vantage `Information`/`Note`, Kraken `EAPI:Rate limit exceeded`). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** HTTP 5xx. */
  SERVER_ERROR = 'SERVER_ERROR',
  /** Any other non-2xx status (401, 403, 404…). */
  HTTP_ERROR = 'HTTP_ERROR',
  /** No complete response within the request timeout. */
  TIMEOUT = 'TIMEOUT',
  /** Connection refused, reset, DNS failure. */
  NETWORK = 'NETWORK',
  /** More redirects than allowed, or a redirect without a Location. */
  REDIRECT = 'REDIRECT',
  /** The body is not what the provider documents (not JSON, truncated, wrong top-level shape, no CSV header). */
  MALFORMED_BODY = 'MALFORMED_BODY',
  /** One value is missing, not a number, out of range or in the wrong unit; `field` names it. */
  INVALID_FIELD = 'INVALID_FIELD',
  /** A 2xx with no data in it. */
  EMPTY_RESPONSE = 'EMPTY_RESPONSE',
  /** The provider reported an error inside a 2xx body (Kraken `error[]`, Alpha Vantage `Error Message`). */
  PROVIDER_ERROR = 'PROVIDER_ERROR',
  /** The provider does not know the symbol (Finnhub `c=0`, Alpha Vantage empty `Global Quote`). */
  UNKNOWN_SYMBOL = 'UNKNOWN_SYMBOL',
  /** Too few usable BTC quotes to form a reference price. */
  NO_REFERENCE_PRICE = 'NO_REFERENCE_PRICE',
  /** The adapter's configuration is unusable; `field` names the setting. */
  CONFIG_INVALID = 'CONFIG_INVALID',
  /** A bug or anything else unexpected (the original error is the cause). */
  INTERNAL = 'INTERNAL',
}

export interface AdapterExceptionDetails {
  /** The field (response) or setting (config) at fault. */
  field?: string;
  /** HTTP status, when a response caused it. */
  status?: number;
  /** How long the provider asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The request URL with credentials redacted. */
  url?: string;
  cause?: unknown;
}

/** Everything an adapter refuses is an AdapterException with a code; nothing becomes a NaN observation. */
export class AdapterException extends Error {
  readonly field?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly url?: string;

  constructor(
    readonly code: AdapterExceptionCode,
    message: string,
    details: AdapterExceptionDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AdapterException';
    this.field = details.field;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.url = details.url;
  }

  /** A value that cannot become an observation: `field` is the provider's field path, e.g. `data.amount`. */
  static invalidField(field: string, rule: string, value?: unknown): AdapterException {
    const shown = value === undefined ? '' : ` (got ${describeValue(value)})`;
    return new AdapterException(AdapterExceptionCode.INVALID_FIELD, `${field}: ${rule}${shown}`, { field });
  }

  static config(field: string, rule: string): AdapterException {
    return new AdapterException(AdapterExceptionCode.CONFIG_INVALID, `config ${field}: ${rule}`, { field });
  }
}

/** Whatever was thrown, as an AdapterException (anything unexpected becomes INTERNAL, keeping the cause). */
export function toAdapterException(error: unknown): AdapterException {
  if (error instanceof AdapterException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterException(AdapterExceptionCode.INTERNAL, message, { cause: error });
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
