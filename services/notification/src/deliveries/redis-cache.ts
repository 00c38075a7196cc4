import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@hashdesk/platform';

const REDIS_TIMEOUT_MS = 100;

/** How long an accepted event id is remembered (the input topics' retention). */
const SEEN_TTL_SECONDS = 7 * 86_400;

/**
 * Redis holds the deduplication marks, the cooldowns and the per-endpoint rate limits, in front of
 * PostgreSQL, which stays the record (inbox, rule state, delivery rows). Every call fails open within
 * 100 ms, and a mark is written only after what it stands for has committed, so a lost or flushed
 * Redis neither loses a delivery nor lets one through twice: the check falls through to PostgreSQL.
 */
@Injectable()
export class RedisCache {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Per-endpoint rate limit for a whole batch in one round trip: `wanted` holds how many requests each
   * subscription is about to make this second; the answer is how many of them it may make. Fails open.
   */
  async admit(wanted: Map<string, number>, limit: number): Promise<Map<string, number>> {
    const second = Math.floor(Date.now() / 1_000);
    const ids = [...wanted.keys()];
    const pipeline = this.redis.pipeline();
    for (const [id, want] of wanted) {
      const key = `notification:rate:${id}:${second}`;
      pipeline.incrby(key, want).expire(key, 2);
    }
    const results = await this.bounded(pipeline.exec());
    const admitted = new Map<string, number>();
    ids.forEach((id, i) => {
      const want = wanted.get(id) ?? 0;
      const count = Number(results?.[2 * i]?.[1] ?? Number.NaN);
      // Before this batch the endpoint had count − want requests; it may have up to `limit`.
      admitted.set(id, Number.isNaN(count) ? want : Math.max(0, Math.min(want, limit - (count - want))));
    });
    return admitted;
  }

  /** The ids accepted before (each marked after its inbox row committed), in one MGET. Unknown → not in the set. */
  async seenAll(eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const values = await this.bounded(this.redis.mget(...eventIds.map(seenKey)));
    return new Set(eventIds.filter((_id, i) => values?.[i] !== null && values?.[i] !== undefined));
  }

  /** After the commit that put them in the inbox: one pipelined round trip. */
  async markSeenAll(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of eventIds) pipeline.set(seenKey(id), '1', 'EX', SEEN_TTL_SECONDS);
    await this.bounded(pipeline.exec());
  }

  /**
   * The event time (ms) a cooldown-only subscription last fired for a subject, as far as Redis knows,
   * keyed `subscriptionId\u0000subject`; absent when unknown (then PostgreSQL's state decides).
   */
  async lastFired(pairs: Array<{ subscriptionId: string; subject: string }>): Promise<Map<string, number>> {
    const known = new Map<string, number>();
    if (pairs.length === 0) return known;
    const values = await this.bounded(this.redis.mget(...pairs.map((p) => cooldownKey(p.subscriptionId, p.subject))));
    pairs.forEach((p, i) => {
      const value = values?.[i];
      if (value !== null && value !== undefined && Number.isFinite(Number(value))) known.set(`${p.subscriptionId}\u0000${p.subject}`, Number(value));
    });
    return known;
  }

  /** After the routing transaction committed: the fires of cooldown-only subscriptions, kept for their cooldown. */
  async rememberFired(fires: Array<{ subscriptionId: string; subject: string; firedAtMs: number; cooldownSeconds: number }>): Promise<void> {
    if (fires.length === 0) return;
    const pipeline = this.redis.pipeline();
    // The cooldown runs on event time; the TTL only bounds memory, and a key gone means "ask PostgreSQL".
    for (const f of fires) pipeline.set(cooldownKey(f.subscriptionId, f.subject), String(f.firedAtMs), 'EX', Math.max(3_600, 2 * f.cooldownSeconds));
    await this.bounded(pipeline.exec());
  }

  private async bounded<T>(operation: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), REDIS_TIMEOUT_MS)));
    try {
      return await Promise.race([operation.catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const seenKey = (eventId: string): string => `notification:seen:${eventId}`;
const cooldownKey = (subscriptionId: string, subject: string): string => `notification:cooldown:${subscriptionId}:${Buffer.from(subject).toString('base64url')}`;
