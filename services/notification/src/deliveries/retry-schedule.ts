/**
 * The retry schedule. The delay before attempt n+1 after n failed attempts is
 *   base × 2^(n−1), capped at 1 h, times a jitter factor uniform in [0.8, 1.2]
 * so that deliveries failing together do not retry in lockstep. With the default base of 1 s and
 * NOTIFICATION_MAX_ATTEMPTS = 8 the attempts come at about 0, 1, 3, 7, 15, 31, 63 and 127 s after
 * the first; the 8th failure dead-letters the delivery. A Retry-After from the receiver (429 or
 * 503) wins when it is longer, up to 24 h. The next attempt time is stored in the delivery row, so a
 * restart resumes the schedule.
 */
export function nextRetryDelayMs(failedAttempts: number, retryAfterMs?: number, random = Math.random, baseMs = 1_000): number {
  const base = Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, 86_400_000));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
