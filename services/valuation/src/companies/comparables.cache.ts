import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { TopicNamespace } from '@hashdesk/messaging';
import { REDIS, TOPIC_NAMESPACE } from '@hashdesk/platform';
import type { ComparableRow } from './comparable-row.mapper';

/**
 * Redis cache of the current comparables table (every company's newest valuation, flattened), the
 * most read view. PostgreSQL stays the truth: a cache miss or a Redis outage reads it, and every
 * transaction that publishes a valuation drops the entry after it commits.
 */
@Injectable()
export class ComparablesCache {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TOPIC_NAMESPACE) private readonly namespace: TopicNamespace,
  ) {}

  private get key(): string {
    return `${this.namespace.prefix}valuation:comparables:current`;
  }

  async get(): Promise<ComparableRow[] | undefined> {
    const cached = await this.redis.get(this.key).catch(() => null);
    return cached ? (JSON.parse(cached) as ComparableRow[]) : undefined;
  }

  async set(rows: ComparableRow[]): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(rows), 'EX', 30).catch(() => undefined);
  }

  async invalidate(): Promise<void> {
    await this.redis.del(this.key).catch(() => undefined);
  }
}
