import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { parseHttpDate } from './time.util';

export type QueryValue = string | number | readonly (string | number)[];
export type QueryParams = Readonly<Record<string, QueryValue | undefined>>;

export interface HttpClientOptions {
  /** Provider root, e.g. `https://mempool.space/api`; request paths are appended to it. */
  baseUrl: string;
  /** Whole request (redirects and body included) must complete within this. */
  timeoutMs: number;
  userAgent: string;
  /** Headers sent with every request (e.g. an API-key header). */
  headers?: Readonly<Record<string, string>>;
  /** Default 5. */
  maxRedirects?: number;
  /** Query parameters holding credentials: redacted wherever a URL is reported. */
  secretQueryParams?: readonly string[];
  /** Headers holding credentials: dropped when a redirect leaves the origin (Authorization always is). */
  secretHeaders?: readonly string[];
  /** For tests that need to observe the transport; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Relative to the base URL (leading slash optional; '' is the base URL itself), or an absolute http(s) URL. */
  path: string;
  query?: QueryParams;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  /** Final URL after redirects, credentials redacted. */
  url: string;
  redirects: number;
  /** The provider's clock (the Date header), when it sent a readable one. */
  date?: Date;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_EXCERPT_CHARS = 200;

/**
 * The one HTTP client every adapter uses: a base URL, a User-Agent on every request, a hard
 * timeout, redirects followed by hand (so credentials never follow a redirect to another origin),
 * and statuses turned into typed AdapterExceptions (429 → RATE_LIMITED with Retry-After, 5xx →
 * SERVER_ERROR, other non-2xx → HTTP_ERROR). It never retries: the adapter's backoff decides when
 * to try again.
 */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly maxRedirects: number;
  private readonly secretQueryParams: ReadonlySet<string>;
  private readonly secretHeaders: ReadonlySet<string>;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.maxRedirects = options.maxRedirects ?? 5;
    this.secretQueryParams = new Set((options.secretQueryParams ?? []).map((name) => name.toLowerCase()));
    this.secretHeaders = new Set(['authorization', ...(options.secretHeaders ?? []).map((name) => name.toLowerCase())]);
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The absolute URL a request goes to (credentials not redacted: do not log it). */
  resolve(path: string, query?: QueryParams): URL {
    const relative = path.replace(/^\/+/, '');
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(relative === '' ? this.baseUrl : `${this.baseUrl}/${relative}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url;
  }

  /** A URL safe to put in a message or a log: credential parameters replaced. */
  redact(url: URL | string): string {
    const copy = new URL(String(url));
    for (const name of [...copy.searchParams.keys()]) {
      if (this.secretQueryParams.has(name.toLowerCase())) copy.searchParams.set(name, 'REDACTED');
    }
    return copy.toString();
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let url = this.resolve(request.path, request.query);
    let method: string = request.method ?? 'GET';
    let body = request.body;
    const headers: Record<string, string> = {
      accept: '*/*',
      ...lowerCaseKeys(this.options.headers ?? {}),
      ...lowerCaseKeys(request.headers ?? {}),
      'user-agent': this.options.userAgent,
    };
    try {
      for (let redirects = 0; ; redirects += 1) {
        const response = await this.fetchImpl(url, { method, headers, body, redirect: 'manual', signal: controller.signal });
        if (REDIRECT_STATUSES.has(response.status)) {
          await response.body?.cancel().catch(() => undefined);
          const next = this.redirectTarget(url, response, redirects);
          if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
            method = 'GET';
            body = undefined;
          }
          if (next.origin !== url.origin) {
            for (const name of Object.keys(headers)) if (this.secretHeaders.has(name)) delete headers[name];
          }
          url = next;
          continue;
        }
        const text = await response.text();
        const result: HttpResponse = { status: response.status, headers: response.headers, body: text, url: this.redact(url), redirects, date: parseHttpDate(response.headers.get('date')) };
        if (response.status >= 200 && response.status < 300) return result;
        throw this.statusError(result);
      }
    } catch (error) {
      if (error instanceof AdapterException) throw error;
      if (controller.signal.aborted) {
        throw new AdapterException(AdapterExceptionCode.TIMEOUT, `no complete response within ${this.options.timeoutMs} ms from ${this.redact(url)}`, { url: this.redact(url), cause: error });
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new AdapterException(AdapterExceptionCode.NETWORK, `request to ${this.redact(url)} failed: ${reason}`, { url: this.redact(url), cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async getText(path: string, query?: QueryParams, headers?: Readonly<Record<string, string>>): Promise<HttpResponse> {
    return this.send({ path, query, headers });
  }

  /** GET and parse JSON: an empty body is EMPTY_RESPONSE, anything unparseable MALFORMED_BODY. */
  async getJson(path: string, query?: QueryParams, headers?: Readonly<Record<string, string>>): Promise<{ response: HttpResponse; json: unknown }> {
    const response = await this.send({ path, query, headers: { accept: 'application/json', ...headers } });
    return { response, json: parseJsonBody(response) };
  }

  private redirectTarget(from: URL, response: Response, redirects: number): URL {
    if (redirects >= this.maxRedirects) {
      throw new AdapterException(AdapterExceptionCode.REDIRECT, `more than ${this.maxRedirects} redirects from ${this.redact(from)}`, { status: response.status, url: this.redact(from) });
    }
    const location = response.headers.get('location');
    const next = location ? safeUrl(location, from) : undefined;
    if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
      throw new AdapterException(AdapterExceptionCode.REDIRECT, `redirect ${response.status} from ${this.redact(from)} has no usable Location (${location ?? 'none'})`, { status: response.status, url: this.redact(from) });
    }
    return next;
  }

  private statusError(response: HttpResponse): AdapterException {
    const excerpt = bodyExcerpt(response.body);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), response.date);
    const details = { status: response.status, url: response.url, retryAfterMs };
    if (response.status === 429) {
      const wait = retryAfterMs === undefined ? '' : `, retry after ${Math.round(retryAfterMs / 1000)} s`;
      return new AdapterException(AdapterExceptionCode.RATE_LIMITED, `HTTP 429 from ${response.url}${wait}: ${excerpt}`, details);
    }
    const code = response.status >= 500 ? AdapterExceptionCode.SERVER_ERROR : AdapterExceptionCode.HTTP_ERROR;
    return new AdapterException(code, `HTTP ${response.status} from ${response.url}: ${excerpt}`, details);
  }
}

/** The JSON in a response body, or a typed error: EMPTY_RESPONSE for no body, MALFORMED_BODY for anything unparseable. */
export function parseJsonBody(response: HttpResponse): unknown {
  if (response.body.trim() === '') {
    throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `empty body from ${response.url}`, { status: response.status, url: response.url });
  }
  try {
    return JSON.parse(response.body);
  } catch (error) {
    throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `body from ${response.url} is not JSON: ${bodyExcerpt(response.body)}`, { status: response.status, url: response.url, cause: error });
  }
}

/** Retry-After as delta-seconds or an HTTP-date (relative to the provider's Date header when it sent one). */
export function parseRetryAfter(value: string | null, providerNow?: Date): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - (providerNow ?? new Date()).getTime());
}

function bodyExcerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}
