import type { AdapterException } from '../adapter.exception';
import type { AdapterErrorSummary, AdapterState } from '../adapter.types';
import type { Observation } from '../observation.types';
import { backoffDelayMs, type BackoffPolicy } from './backoff-policy';

/**
 * The bookkeeping every adapter shares: successes, failures, backoff and lag. Pure state, no I/O;
 * the time always comes from the caller.
 */
export class AdapterStateTracker {
  private lastPollAt: Date | null = null;
  private lastSuccessAt: Date | null = null;
  private lastErrorAt: Date | null = null;
  private lastError: AdapterErrorSummary | null = null;
  private consecutiveFailures = 0;
  private newestEventTime: Date | null = null;
  private nextPollAt: Date | null = null;
  private backoffMs = 0;

  constructor(
    private readonly adapterId: string,
    private readonly source: string,
    private readonly pollIntervalMs: number,
    private readonly backoff: BackoffPolicy,
    private readonly random: () => number,
  ) {}

  /** True while failures keep the adapter from calling the provider before nextPollAt. */
  isBackingOff(now: Date): boolean {
    return this.consecutiveFailures > 0 && this.nextPollAt !== null && now.getTime() < this.nextPollAt.getTime();
  }

  get scheduledAt(): Date | null {
    return this.nextPollAt;
  }

  recordPoll(now: Date): void {
    this.lastPollAt = now;
  }

  /** Notes the observations' event times (for lag), also for partial results of a failed poll. */
  recordObservations(observations: readonly Observation[]): void {
    for (const observation of observations) {
      if (!this.newestEventTime || observation.eventTime.getTime() > this.newestEventTime.getTime()) {
        this.newestEventTime = observation.eventTime;
      }
    }
  }

  /** A success: failures reset, next poll after the regular interval (or `nextPollAt` when the adapter knows better). */
  recordSuccess(now: Date, nextPollAt?: Date): Date {
    this.lastSuccessAt = now;
    this.consecutiveFailures = 0;
    this.backoffMs = 0;
    this.nextPollAt = nextPollAt ?? new Date(now.getTime() + this.pollIntervalMs);
    return this.nextPollAt;
  }

  /** A failure: the next poll waits out the backoff. `minimumNextPollAt` lets a composite adapter wait longer. */
  recordFailure(now: Date, error: AdapterException, minimumNextPollAt?: Date): Date {
    this.lastErrorAt = now;
    this.lastError = { code: error.code, message: error.message, field: error.field, status: error.status };
    this.consecutiveFailures += 1;
    this.backoffMs = backoffDelayMs(this.backoff, this.consecutiveFailures, error, this.pollIntervalMs, this.random);
    const next = now.getTime() + this.backoffMs;
    this.nextPollAt = new Date(Math.max(next, minimumNextPollAt?.getTime() ?? 0));
    return this.nextPollAt;
  }

  snapshot(now: Date): AdapterState {
    return {
      adapterId: this.adapterId,
      source: this.source,
      pollIntervalMs: this.pollIntervalMs,
      lastPollAt: this.lastPollAt,
      lastSuccessAt: this.lastSuccessAt,
      lastErrorAt: this.lastErrorAt,
      lastError: this.lastError,
      consecutiveFailures: this.consecutiveFailures,
      newestEventTime: this.newestEventTime,
      lagSeconds: this.newestEventTime ? Math.round((now.getTime() - this.newestEventTime.getTime()) / 1000) : null,
      nextPollAt: this.nextPollAt,
      backoffMs: this.backoffMs,
      backingOff: this.isBackingOff(now),
    };
  }
}
