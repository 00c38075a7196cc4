import type { AdapterException, AdapterExceptionCode } from './adapter.exception';
import type { Observation } from './observation.types';

/**
 * A data source the scheduler polls. `poll` never throws: every outcome, failures included, is a
 * result. The scheduler should call `poll` again at `nextPollAt` (earlier calls while the adapter
 * is backing off are answered `skipped` without touching the provider).
 */
export interface SourceAdapter {
  /** Unique per adapter instance, e.g. 'mempool', 'btc-reference'. */
  readonly id: string;
  /** The regular interval between polls when all is well. */
  readonly pollIntervalMs: number;
  poll(now: Date): Promise<AdapterResult>;
  /** Health for probes and dashboards; `now` is used for lagSeconds. */
  state(now?: Date): AdapterState;
}

/** A problem with one entity or value that did not fail the whole poll (e.g. one unknown ticker, a source left out). */
export interface AdapterIssue {
  code: AdapterExceptionCode | 'FALLBACK' | 'SOURCE_EXCLUDED';
  message: string;
  /** The entity it concerns, e.g. 'RIOT'. */
  key?: string;
  /** The field at fault, when a value was refused. */
  field?: string;
  /** The source it concerns (composite adapters). */
  source?: string;
}

interface AdapterResultBase {
  adapterId: string;
  polledAt: Date;
  /** When to poll next: the regular interval after a success, the backoff after a failure. */
  nextPollAt: Date;
  observations: Observation[];
  issues: AdapterIssue[];
}

/** At least one observation, possibly with issues about some entities. */
export interface AdapterOkResult extends AdapterResultBase {
  outcome: 'ok';
}

/** The poll failed; `observations` holds whatever was collected before the failure (may be empty). */
export interface AdapterFailedResult extends AdapterResultBase {
  outcome: 'failed';
  error: AdapterException;
}

/** Nothing was requested: the adapter is backing off, or a poll is still running. */
export interface AdapterSkippedResult extends AdapterResultBase {
  outcome: 'skipped';
  reason: 'backing-off' | 'in-flight';
}

export type AdapterResult = AdapterOkResult | AdapterFailedResult | AdapterSkippedResult;

export interface AdapterErrorSummary {
  code: AdapterExceptionCode;
  message: string;
  field?: string;
  status?: number;
}

export interface AdapterState {
  adapterId: string;
  source: string;
  pollIntervalMs: number;
  lastPollAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: AdapterErrorSummary | null;
  consecutiveFailures: number;
  /** Newest eventTime among everything observed so far. */
  newestEventTime: Date | null;
  /** now − newestEventTime, whole seconds; null before the first observation. */
  lagSeconds: number | null;
  /** When the adapter wants to be polled next; null = never polled, due now. */
  nextPollAt: Date | null;
  /** The delay chosen after the last failure (0 when healthy). */
  backoffMs: number;
  /** True while failures keep the adapter from polling before nextPollAt. */
  backingOff: boolean;
}
