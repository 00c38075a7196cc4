import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { DEFAULT_BACKOFF, backoffDelayMs, resolveBackoff } from './backoff-policy';

const serverError = new AdapterException(AdapterExceptionCode.SERVER_ERROR, '503');
const throttled = (retryAfterMs?: number) => new AdapterException(AdapterExceptionCode.RATE_LIMITED, '429', { retryAfterMs });
const policy = resolveBackoff({ initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 10_000, jitter: 0.5 });

describe('backoffDelayMs', () => {
  it('doubles per consecutive failure up to the cap (no jitter drawn)', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(policy, n, serverError, 60_000, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('lets jitter shorten a delay to at most half of it', () => {
    expect(backoffDelayMs(policy, 3, serverError, 60_000, () => 0.999999)).toBe(2_000);
    expect(backoffDelayMs(policy, 3, serverError, 60_000, () => 0.5)).toBe(3_000);
  });

  it('never waits less than Retry-After, even beyond the cap, up to maxRetryAfterMs', () => {
    expect(backoffDelayMs({ ...policy, maxDelayMs: 1_000 }, 1, throttled(30_000), 0, () => 0)).toBe(30_000);
    expect(backoffDelayMs(policy, 1, throttled(10 * 24 * 3_600_000), 0, () => 0)).toBe(DEFAULT_BACKOFF.maxRetryAfterMs);
  });

  it('after throttling never polls sooner than the regular interval', () => {
    expect(backoffDelayMs(policy, 1, throttled(), 60_000, () => 0)).toBe(60_000);
    expect(backoffDelayMs(policy, 1, serverError, 60_000, () => 0)).toBe(1_000);
  });

  it('refuses a nonsensical policy, naming the setting', () => {
    expect(() => resolveBackoff({ jitter: 2 })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'backoff.jitter' }));
    expect(() => resolveBackoff({ initialDelayMs: 10, maxDelayMs: 5 })).toThrow(expect.objectContaining({ field: 'backoff.maxDelayMs' }));
  });
});
