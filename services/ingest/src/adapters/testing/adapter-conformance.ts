import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult, SourceAdapter } from '../adapter.types';
import type { AdapterCommonConfig } from '../shared/adapter-config';
import { HttpReplayServer, matchFromFixture, responseFromFixture, type ReplayFixture } from './replay';

export const TEST_USER_AGENT = 'hashdesk-ingest-test/1.0 (ops@hashdesk.example)';

/** Settings a conformance test passes to the adapter factory (on top of the base URL the factory derives from the server). */
export type ConformanceOverrides = Pick<AdapterCommonConfig, 'timeoutMs' | 'backoff' | 'random' | 'userAgent'>;

export interface AdapterConformanceSpec {
  /** The instant each poll claims to run at (fixtures are recorded around it). */
  now: Date;
  /** Every fixture a successful poll needs. */
  happy: () => ReplayFixture[];
  /** The route delayed (timeout), redirected and dropped; one of `happy`. */
  primary: () => ReplayFixture;
  /** A recorded throttling response for a route the poll calls: a 429 with Retry-After, or the provider's disguised 200. */
  throttled: () => ReplayFixture;
  /** A recorded 2xx with no data. */
  empty: () => ReplayFixture;
  /** A recorded 2xx with a body that is not the documented shape. */
  malformed: () => ReplayFixture;
  expectedCodes?: { empty?: AdapterExceptionCode; malformed?: AdapterExceptionCode };
  create: (server: HttpReplayServer, overrides: ConformanceOverrides) => SourceAdapter;
}

/**
 * The behaviour every adapter shares, proven against its own recorded fixtures through the replay
 * server: parse a full poll; throttling (429 + Retry-After, or a disguised 200) honoured then recovery; 5xx exponential backoff with
 * jitter and a cap; empty and malformed bodies refused with their codes; a timeout; a 302 followed;
 * a dropped connection; the User-Agent on every request.
 */
export function describeAdapterConformance(spec: AdapterConformanceSpec): void {
  describe('transport and backoff (shared conformance)', () => {
    let server: HttpReplayServer;
    const noJitter = (): number => 0;

    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      for (const recorded of spec.happy()) server.serveFixture(recorded);
    });
    afterAll(() => server.close());

    const at = (offsetMs: number): Date => new Date(spec.now.getTime() + offsetMs);

    it('parses a full poll from the recorded fixtures, sending the User-Agent on every request', async () => {
      const adapter = spec.create(server, { userAgent: TEST_USER_AGENT, random: noJitter });

      const result = await adapter.poll(spec.now);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations.length).toBeGreaterThan(0);
      for (const observation of result.observations) {
        expect(Number.isNaN(observation.eventTime.getTime())).toBe(false);
        for (const value of Object.values(observation)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      }
      expect(server.unmatched()).toEqual([]);
      expect(server.requests.length).toBeGreaterThan(0);
      for (const request of server.requests) expect(request.headers['user-agent']).toBe(TEST_USER_AGENT);
      const newest = Math.max(...result.observations.map((o) => o.eventTime.getTime()));
      expect(adapter.state(spec.now)).toMatchObject({
        lastSuccessAt: spec.now,
        consecutiveFailures: 0,
        lastError: null,
        backingOff: false,
        lagSeconds: Math.round((spec.now.getTime() - newest) / 1000),
        nextPollAt: at(adapter.pollIntervalMs),
      });
    });

    it('fails RATE_LIMITED when throttled (a 429, or a 200 that says so), waits at least Retry-After and one interval without calling the provider, then recovers', async () => {
      const throttled = spec.throttled();
      const retryAfterHeader = Object.entries(throttled.response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
      if (throttled.response.status === 429) expect(retryAfterHeader).toMatch(/^\d+$/);
      const retryAfterMs = retryAfterHeader === undefined ? undefined : Number(retryAfterHeader) * 1000;
      const happyTwin = spec.happy().find((candidate) => sameRoute(candidate, throttled));
      server.route(matchFromFixture(throttled), responseFromFixture(throttled), ...(happyTwin ? [responseFromFixture(happyTwin)] : []));
      const adapter = spec.create(server, { random: noJitter });

      const failed = await adapter.poll(spec.now);

      expect(failed.outcome).toBe('failed');
      if (failed.outcome !== 'failed') return;
      expect(failed.error.code).toBe(AdapterExceptionCode.RATE_LIMITED);
      expect(failed.error.status).toBe(throttled.response.status);
      expect(failed.error.retryAfterMs).toBe(retryAfterMs);
      expect(failed.nextPollAt.getTime() - spec.now.getTime()).toBeGreaterThanOrEqual(Math.max(retryAfterMs ?? 0, adapter.pollIntervalMs));
      expect(adapter.state(spec.now)).toMatchObject({ consecutiveFailures: 1, backingOff: true, lastErrorAt: spec.now, lastError: { code: AdapterExceptionCode.RATE_LIMITED } });

      const requestsSoFar = server.requests.length;
      const early = await adapter.poll(at(1_000));
      expect(early).toMatchObject({ outcome: 'skipped', reason: 'backing-off', nextPollAt: failed.nextPollAt });
      expect(server.requests.length).toBe(requestsSoFar);

      const recovered = await adapter.poll(failed.nextPollAt);
      expect(describeFailure(recovered)).toBe('ok');
      expect(adapter.state(failed.nextPollAt)).toMatchObject({ consecutiveFailures: 0, backingOff: false, backoffMs: 0, lastSuccessAt: failed.nextPollAt });
    });

    it('backs off exponentially on 5xx, capped, with jitter shortening each delay', async () => {
      server.route(matchFromFixture(spec.primary()), { status: 503, body: 'Service Temporarily Unavailable' });
      const backoff = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 3_000, jitter: 0.5 };
      const adapter = spec.create(server, { backoff, random: noJitter });

      const delays: number[] = [];
      let now = spec.now;
      for (let i = 0; i < 4; i += 1) {
        const result = await adapter.poll(now);
        expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.SERVER_ERROR);
        delays.push(result.nextPollAt.getTime() - now.getTime());
        now = result.nextPollAt;
      }
      expect(delays).toEqual([1_000, 2_000, 3_000, 3_000]);
      expect(adapter.state(now).consecutiveFailures).toBe(4);

      const jittered = spec.create(server, { backoff, random: () => 0.5 });
      const first = await jittered.poll(spec.now);
      expect(first.nextPollAt.getTime() - spec.now.getTime()).toBe(750); // 1 000 × (1 − 0.5 × 0.5)
    });

    it('refuses an empty response', async () => {
      server.serveFixture(spec.empty());
      const adapter = spec.create(server, { random: noJitter });

      const result = await adapter.poll(spec.now);

      expect(result.outcome === 'failed' && result.error.code).toBe(spec.expectedCodes?.empty ?? AdapterExceptionCode.EMPTY_RESPONSE);
      expect(adapter.state(spec.now).consecutiveFailures).toBe(1);
    });

    it('refuses a malformed body', async () => {
      server.serveFixture(spec.malformed());
      const adapter = spec.create(server, { random: noJitter });

      const result = await adapter.poll(spec.now);

      expect(result.outcome === 'failed' && result.error.code).toBe(spec.expectedCodes?.malformed ?? AdapterExceptionCode.MALFORMED_BODY);
    });

    it('gives up after its request timeout', async () => {
      server.route(matchFromFixture(spec.primary()), responseFromFixture(spec.primary(), { delayMs: 3_000 }));
      const adapter = spec.create(server, { timeoutMs: 150, random: noJitter });

      const started = Date.now();
      const result = await adapter.poll(spec.now);

      expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.TIMEOUT);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('follows a 302 redirect', async () => {
      const primary = spec.primary();
      const original = new URL(primary.request.url);
      const movedPath = `/__moved__${original.pathname}`;
      server.route(matchFromFixture(primary), { redirectTo: `${movedPath}${original.search}` });
      server.route({ ...matchFromFixture(primary), path: movedPath }, responseFromFixture(primary));
      const adapter = spec.create(server, { random: noJitter });

      const result = await adapter.poll(spec.now);

      expect(describeFailure(result)).toBe('ok');
      expect(server.requestsTo(movedPath)).toHaveLength(1);
      expect(server.requestsTo(movedPath)[0].headers['user-agent']).toBe(server.requestsTo(original.pathname)[0].headers['user-agent']);
    });

    it('reports a dropped connection as NETWORK', async () => {
      server.route(matchFromFixture(spec.primary()), { dropConnection: true });
      const adapter = spec.create(server, { random: noJitter });

      const result = await adapter.poll(spec.now);

      expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.NETWORK);
    });
  });
}

/** 'ok', or the failure as text so a failing assertion shows why. */
export function describeFailure(result: AdapterResult): string {
  if (result.outcome === 'ok') return 'ok';
  if (result.outcome === 'skipped') return `skipped: ${result.reason}`;
  return `failed: ${result.error.code}: ${result.error.message}`;
}

function sameRoute(a: ReplayFixture, b: ReplayFixture): boolean {
  const ua = new URL(a.request.url);
  const ub = new URL(b.request.url);
  return a.request.method === b.request.method && ua.pathname === ub.pathname && ua.search === ub.search;
}
