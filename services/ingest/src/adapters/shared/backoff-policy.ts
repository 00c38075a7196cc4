import { AdapterException, AdapterExceptionCode } from '../adapter.exception';

export interface BackoffPolicy {
  /** Delay after the first failure, before jitter. */
  initialDelayMs: number;
  /** Growth per consecutive failure. */
  multiplier: number;
  /** Cap on the exponential delay (Retry-After may ask for longer, up to maxRetryAfterMs). */
  maxDelayMs: number;
  /** Share of the delay that is randomised: 0.5 → somewhere in [50 %, 100 %] of it. */
  jitter: number;
  /** A provider's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 5_000,
  multiplier: 2,
  maxDelayMs: 15 * 60_000,
  jitter: 0.5,
  maxRetryAfterMs: 24 * 3_600_000,
};

export function resolveBackoff(overrides: Partial<BackoffPolicy> = {}): BackoffPolicy {
  const policy = { ...DEFAULT_BACKOFF, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw AdapterException.config(`backoff.${name}`, 'must be a finite number ≥ 0');
  }
  if (policy.multiplier < 1) throw AdapterException.config('backoff.multiplier', 'must be at least 1');
  if (policy.jitter > 1) throw AdapterException.config('backoff.jitter', 'must be between 0 and 1');
  if (policy.maxDelayMs < policy.initialDelayMs) throw AdapterException.config('backoff.maxDelayMs', 'must be at least initialDelayMs');
  return policy;
}

/**
 * How long to wait after the `failures`-th consecutive failure: exponential with jitter, capped,
 * never shorter than the provider's Retry-After; after being throttled, never shorter than the
 * regular poll interval either (polling faster than normal after a 429 is how bans happen).
 * `random` returns [0, 1).
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  failures: number,
  error: AdapterException,
  pollIntervalMs: number,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, failures - 1));
  const jittered = exponential * (1 - policy.jitter * clamp01(random()));
  const retryAfter = Math.min(error.retryAfterMs ?? 0, policy.maxRetryAfterMs);
  const throttledFloor = error.code === AdapterExceptionCode.RATE_LIMITED ? pollIntervalMs : 0;
  return Math.round(Math.max(jittered, retryAfter, throttledFloor));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
