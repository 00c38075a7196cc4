import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { REDACTED, fixtureBodyText, type ReplayFixture } from './replay-fixture';

/** Matches any value of a query parameter that must be present (e.g. an API key). */
export const ANY_VALUE: unique symbol = Symbol('any-value');

export type QueryExpectation = string | readonly string[] | RegExp | typeof ANY_VALUE;

export interface RouteMatch {
  /** Defaults to GET. */
  method?: string;
  /** The request path without the query, as sent (percent-encoded), e.g. `/api/v1/blocks`. */
  path: string;
  /** Expected query parameters. Omitted: any query matches. */
  query?: Readonly<Record<string, QueryExpectation>>;
  /** `exact` (the default): no other parameters allowed. `subset`: other parameters are ignored. */
  queryMode?: 'exact' | 'subset';
}

/** One scripted answer. */
export interface ReplayResponse {
  /** Defaults to 200 (302 when `redirectTo` is set). */
  status?: number;
  headers?: Readonly<Record<string, string>>;
  /** Raw body text. */
  body?: string;
  /** A JSON body (served compact, with content-type application/json unless a header says otherwise). */
  bodyJson?: unknown;
  /** Wait this long before answering (to trip a client timeout). */
  delayMs?: number;
  /** Answer with a redirect to this location (absolute or relative). */
  redirectTo?: string;
  /** Close the connection without answering (a reset). */
  dropConnection?: boolean;
  /** Send no Date header (Node adds the current date unless the response sets one). */
  omitDate?: boolean;
}

/** A request the server received, matched or not. */
export interface ReplayRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  path: string;
  query: Readonly<Record<string, readonly string[]>>;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: Date;
  /** The route that answered, undefined when nothing matched (the server then answers 404). */
  route?: ReplayRoute;
}

/** A registered route: its script and the requests it answered. */
export class ReplayRoute {
  readonly hits: ReplayRequest[] = [];
  private next = 0;

  constructor(
    readonly match: RouteMatch,
    private readonly script: readonly ReplayResponse[],
  ) {
    if (script.length === 0) throw new Error(`replay route ${describeMatch(match)}: give at least one response`);
  }

  /** The answer for the next request: the script in order, then its last entry again and again. */
  take(): ReplayResponse {
    const response = this.script[Math.min(this.next, this.script.length - 1)];
    this.next += 1;
    return response;
  }
}

const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) that replays recorded provider responses.
 * Routes match on method, path and query; each has a script (e.g. first a 429 with Retry-After,
 * then a 200), answers may be delayed, redirected, malformed or dropped, and every request is
 * recorded so tests can assert what the client sent (User-Agent, API-key header, query).
 * When several routes match, the one registered last wins, so a test can override a default.
 */
export class HttpReplayServer {
  readonly requests: ReplayRequest[] = [];
  private readonly routes: ReplayRoute[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();
  private port = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<HttpReplayServer> {
    const replay: HttpReplayServer = new HttpReplayServer(createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => replay.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    }));
    replay.server.on('connection', (socket) => {
      replay.sockets.add(socket);
      socket.on('close', () => replay.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      replay.server.once('error', reject);
      replay.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = replay.server.address();
    replay.port = typeof address === 'object' && address ? address.port : 0;
    return replay;
  }

  /** `http://127.0.0.1:<port>` (no trailing slash). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(pathAndQuery = '/'): string {
    return `${this.baseUrl}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
  }

  /** Registers a route answering with `responses` in order (the last one repeats). */
  route(match: RouteMatch, ...responses: ReplayResponse[]): ReplayRoute {
    const route = new ReplayRoute(match, responses);
    this.routes.push(route);
    return route;
  }

  /** Registers a route for a fixture's request, answering with the fixture's response, then `then…`. */
  serveFixture(fixture: ReplayFixture, ...then: ReplayResponse[]): ReplayRoute {
    return this.route(matchFromFixture(fixture), responseFromFixture(fixture), ...then);
  }

  /** Requests no route matched (answered 404): a test should usually expect none. */
  unmatched(): ReplayRequest[] {
    return this.requests.filter((request) => !request.route);
  }

  /** Requests whose path equals `path`. */
  requestsTo(path: string): ReplayRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Forgets routes and recorded requests (between tests). */
  reset(): void {
    this.routes.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    const parsed = new URL(rawUrl, 'http://replay.invalid');
    const query: Record<string, string[]> = {};
    for (const [name, value] of parsed.searchParams) (query[name] ??= []).push(value);
    const request: ReplayRequest = { method, url: rawUrl, path: parsed.pathname, query, headers, body, receivedAt: new Date() };
    this.requests.push(request);

    const route = [...this.routes].reverse().find((candidate) => routeMatches(candidate.match, request));
    if (!route) {
      this.write(res, { status: 404, bodyJson: { error: `no replay route for ${method} ${rawUrl}`, routes: this.routes.map((r) => describeMatch(r.match)) } });
      return;
    }
    request.route = route;
    route.hits.push(request);
    const response = route.take();
    if (response.delayMs && response.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.write(res, response);
      }, response.delayMs);
      this.timers.add(timer);
    } else {
      this.write(res, response);
    }
  }

  private write(res: ServerResponse, response: ReplayResponse): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up (timeout) before we answered
    if (response.dropConnection) {
      res.socket?.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
    let status = response.status ?? 200;
    if (response.redirectTo !== undefined) {
      status = response.status ?? 302;
      headers.location = response.redirectTo;
    }
    if (response.omitDate) res.sendDate = false;
    let body = response.body ?? '';
    if (response.bodyJson !== undefined) {
      body = JSON.stringify(response.bodyJson);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    res.writeHead(status, headers);
    res.end(body);
  }
}

/** The route a fixture's request matches: its method, path and exact query (redacted values match any). */
export function matchFromFixture(fixture: ReplayFixture): RouteMatch {
  const url = new URL(fixture.request.url);
  const query: Record<string, QueryExpectation> = {};
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (grouped[name] ??= []).push(value);
  for (const [name, values] of Object.entries(grouped)) {
    query[name] = values.length === 1 ? (values[0] === REDACTED ? ANY_VALUE : values[0]) : values;
  }
  return { method: fixture.request.method.toUpperCase(), path: url.pathname, query, queryMode: 'exact' };
}

/** A fixture's response as a scripted answer. */
export function responseFromFixture(fixture: ReplayFixture, extra: Partial<ReplayResponse> = {}): ReplayResponse {
  return { status: fixture.response.status, headers: fixture.response.headers, body: fixtureBodyText(fixture), ...extra };
}

function routeMatches(match: RouteMatch, request: ReplayRequest): boolean {
  if ((match.method ?? 'GET').toUpperCase() !== request.method.toUpperCase()) return false;
  if (match.path !== request.path) return false;
  const expectedQuery = match.query;
  if (!expectedQuery) return true;
  for (const [name, expected] of Object.entries(expectedQuery)) {
    const actual = request.query[name];
    if (!actual) return false;
    if (expected === ANY_VALUE) continue;
    if (expected instanceof RegExp) {
      if (actual.length !== 1 || !expected.test(actual[0])) return false;
    } else if (typeof expected === 'string') {
      if (actual.length !== 1 || actual[0] !== expected) return false;
    } else if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) {
      return false;
    }
  }
  if ((match.queryMode ?? 'exact') === 'exact') {
    return Object.keys(request.query).every((name) => name in expectedQuery);
  }
  return true;
}

function describeMatch(match: RouteMatch): string {
  const query = match.query ? Object.keys(match.query).join('&') : '*';
  return `${match.method ?? 'GET'} ${match.path}?${query}`;
}
