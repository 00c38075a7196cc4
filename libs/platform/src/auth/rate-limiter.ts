import type Redis from 'ioredis';

/** One fixed window per caller: the count and how long until the window resets. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;
// INCR and the first PEXPIRE in one step, so a crash between them never leaves a counter without expiry.
const CONSUME = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }`;

/**
 * Requests per minute per caller, counted in Redis so every instance of a service shares the count.
 * A fixed one-minute window: simple, one round trip, and at worst twice the limit across a boundary.
 */
export class RateLimiter {
  constructor(private readonly redis: Redis) {}

  async consume(caller: string, limitPerMinute: number): Promise<RateDecision> {
    const [count, ttlMs] = (await this.redis.eval(CONSUME, 1, `rate:${caller}`, WINDOW_MS)) as [number, number];
    const allowed = count <= limitPerMinute;
    return { allowed, remaining: Math.max(0, limitPerMinute - count), retryAfterSeconds: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : WINDOW_MS) / 1000)) };
  }
}
