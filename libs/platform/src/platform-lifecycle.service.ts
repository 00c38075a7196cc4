import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { EventConsumer, OutboxRelay, Producer } from '@hashdesk/messaging';
import type { ApiKeyFeed } from './auth/api-key-feed';
import type { Logger } from '@hashdesk/observability';
import type { PlatformOptions } from './platform.options';
import { API_KEY_FEED, DATA_SOURCE, EVENT_CONSUMER, LOGGER, OUTBOX_RELAY, PLATFORM_OPTIONS, PRODUCER, REDIS } from './platform.tokens';

/**
 * Owns the order of start and stop. Start: features subscribe in onModuleInit, then (here) the relay
 * and the consumer start. Stop (SIGTERM): the consumer finishes its message and commits, the relay
 * finishes its batch, then the producer, database and Redis close.
 */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(API_KEY_FEED) private readonly apiKeyFeed: ApiKeyFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    if (this.options.consume !== false) await this.consumer.start();
    this.logger.info({ consuming: this.options.consume !== false && this.consumer.hasSubscriptions, group: this.consumer.groupId }, 'platform started');
  }

  private stopping?: Promise<void>;

  /** Nest may call this once per module that sees the provider: the teardown runs once. */
  beforeApplicationShutdown(signal?: string): Promise<void> {
    this.stopping ??= this.teardown(signal);
    return this.stopping;
  }

  private async teardown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down: draining consumer and outbox');
    await this.consumer.stop();
    await this.relay.stop();
    await this.apiKeyFeed.stop();
    await this.producer.disconnect();
    await this.dataSource.destroy();
    await this.redis.quit().catch(() => this.redis.disconnect());
    this.logger.info({}, 'shut down cleanly');
  }
}
