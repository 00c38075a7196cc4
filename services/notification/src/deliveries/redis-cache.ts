import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@hashdesk/platform';

const REDIS_TIMEOUT_MS = 100;

/**
 * Redis as a cache only: a fast path for duplicate events and the per-endpoint rate limit. Every
 * call fails open within 100 ms, because PostgreSQL (inbox, delivery rows) is the record: losing
 * Redis costs a few extra queries, never a delivery.
 */
@Injectable()
export class RedisCache {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async seen(eventId: string): Promise<boolean> {
    return (await this.bounded(this.redis.exists(`notification:seen:${eventId}`))) === 1;
  }

  async remember(eventId: string): Promise<void> {
    await this.bounded(this.redis.set(`notification:seen:${eventId}`, '1', 'EX', 86_400));
  }

  /** True when this endpoint already had `limit` requests in the current second. */
  async overRateLimit(subscriptionId: string, limit: number): Promise<boolean> {
    const key = `notification:rate:${subscriptionId}:${Math.floor(Date.now() / 1_000)}`;
    const count = await this.bounded(this.redis.multi().incr(key).expire(key, 2).exec().then((r) => Number(r?.[0]?.[1] ?? 0)));
    return (count ?? 0) > limit;
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
