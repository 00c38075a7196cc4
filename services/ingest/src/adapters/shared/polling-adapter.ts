import { AdapterException, AdapterExceptionCode, toAdapterException } from '../adapter.exception';
import type { AdapterIssue, AdapterResult, AdapterState, SourceAdapter } from '../adapter.types';
import type { Observation } from '../observation.types';
import type { ResolvedCommonConfig } from './adapter-config';
import { AdapterStateTracker } from './adapter-state';
import { HttpClient, type HttpClientOptions } from './http-client';

/** What one poll collects; kept when the poll fails half-way so partial observations are not lost. */
export class PollSink {
  readonly observations: Observation[] = [];
  readonly issues: AdapterIssue[] = [];

  add(...observations: Observation[]): void {
    this.observations.push(...observations);
  }

  issue(issue: AdapterIssue): void {
    this.issues.push(issue);
  }

  /** Records a refused entity (e.g. one ticker) without failing the poll. */
  issueFrom(error: AdapterException, key?: string): void {
    this.issues.push({ code: error.code, message: error.message, key, field: error.field });
  }
}

/** Transport settings beyond the shared config: credential headers and parameters to protect. */
export type HttpExtras = Pick<HttpClientOptions, 'headers' | 'secretHeaders' | 'secretQueryParams'>;

/**
 * The template every HTTP adapter follows: `poll` handles backoff, state and errors; a subclass
 * only implements `collect` (fetch, parse, add observations). A poll that adds no observation
 * fails as EMPTY_RESPONSE, so "a 200 with no data" backs off like any other failure.
 */
export abstract class PollingAdapter implements SourceAdapter {
  readonly id: string;
  readonly source: string;
  readonly pollIntervalMs: number;
  protected readonly http: HttpClient;
  private readonly tracker: AdapterStateTracker;
  private polling = false;

  protected constructor(config: ResolvedCommonConfig, extras: HttpExtras = {}) {
    this.id = config.sourceId;
    this.source = config.sourceId;
    this.pollIntervalMs = config.pollIntervalMs;
    this.http = new HttpClient({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      userAgent: config.userAgent,
      maxRedirects: config.maxRedirects,
      fetch: config.fetch,
      ...extras,
    });
    this.tracker = new AdapterStateTracker(this.id, this.source, this.pollIntervalMs, config.backoff, config.random);
  }

  async poll(now: Date): Promise<AdapterResult> {
    if (this.polling) return this.skipped(now, 'in-flight');
    if (this.tracker.isBackingOff(now)) return this.skipped(now, 'backing-off');
    this.polling = true;
    this.tracker.recordPoll(now);
    const sink = new PollSink();
    try {
      await this.collect(now, sink);
      if (sink.observations.length === 0) throw noObservations(sink.issues);
      this.tracker.recordObservations(sink.observations);
      const nextPollAt = this.tracker.recordSuccess(now);
      return { outcome: 'ok', adapterId: this.id, polledAt: now, nextPollAt, observations: sink.observations, issues: sink.issues };
    } catch (thrown) {
      const error = toAdapterException(thrown);
      this.tracker.recordObservations(sink.observations);
      const nextPollAt = this.tracker.recordFailure(now, error);
      return { outcome: 'failed', adapterId: this.id, polledAt: now, nextPollAt, observations: sink.observations, issues: sink.issues, error };
    } finally {
      this.polling = false;
    }
  }

  state(now: Date = new Date()): AdapterState {
    return this.tracker.snapshot(now);
  }

  /** Fetches and parses; adds observations to the sink; throws an AdapterException to fail the poll. */
  protected abstract collect(now: Date, sink: PollSink): Promise<void>;

  private skipped(now: Date, reason: 'backing-off' | 'in-flight'): AdapterResult {
    return { outcome: 'skipped', reason, adapterId: this.id, polledAt: now, nextPollAt: this.tracker.scheduledAt ?? now, observations: [], issues: [] };
  }
}

function noObservations(issues: readonly AdapterIssue[]): AdapterException {
  const codes = [...new Set(issues.map((issue) => issue.code))];
  // When every entity failed the same way (e.g. all tickers throttled), that is the poll's error.
  const single = codes.length === 1 && codes[0] in AdapterExceptionCode ? (codes[0] as AdapterExceptionCode) : AdapterExceptionCode.EMPTY_RESPONSE;
  const detail = issues.length > 0 ? `: ${issues.map((issue) => (issue.key ? `${issue.key}: ${issue.message}` : issue.message)).join('; ')}` : '';
  return new AdapterException(single, `the poll produced no observations${detail}`);
}

const ENTITY_LEVEL_CODES: ReadonlySet<AdapterExceptionCode> = new Set([
  AdapterExceptionCode.EMPTY_RESPONSE,
  AdapterExceptionCode.MALFORMED_BODY,
  AdapterExceptionCode.INVALID_FIELD,
  AdapterExceptionCode.UNKNOWN_SYMBOL,
  AdapterExceptionCode.PROVIDER_ERROR,
]);

/**
 * An error about one entity's data (unknown ticker, empty or malformed answer for that symbol):
 * multi-entity adapters report it as an issue and go on. Throttling and transport errors are not:
 * they fail the poll so the adapter backs off instead of spending its quota.
 */
export function isEntityLevelError(error: unknown): error is AdapterException {
  return error instanceof AdapterException && ENTITY_LEVEL_CODES.has(error.code);
}
