/**
 * Delay before attempt n+1 after n failed attempts: 1 s, 2 s, 4 s … capped at 1 h, with ±20 % jitter
 * so that many failing deliveries do not retry in lockstep. A Retry-After from the receiver wins when longer.
 */
export function nextRetryDelayMs(failedAttempts: number, retryAfterMs?: number, random = Math.random): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
