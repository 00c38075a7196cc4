import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@hashdesk/platform';

const REDIS_TIMEOUT_MS = 100;

/**
 * Redis for the per-endpoint rate limits only. Every call fails open within 100 ms, because
 * PostgreSQL (inbox, delivery rows) is the record: losing Redis loses no delivery. Duplicate events
 * are caught by the inbox row written with the event itself (see AcceptEventUseCase), which costs
 * less than a Redis look-up in front of it.
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
