import type { Provider } from '@nestjs/common';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import {
  connectProducer, createIdempotentProducer, createKafka, ensureTopics, EventConsumer, MessagingTables1732400000000, OutboxEventEntity,
  OutboxRelay, OutboxWriter, parseBrokers, ProcessedMessageEntity, TopicNamespace, type Kafka, type Producer,
} from '@hashdesk/messaging';
import { openServiceDataSource } from '@hashdesk/persistence';
import type { Logger } from '@hashdesk/observability';
import { Topics } from '@hashdesk/contracts';
import { ApiKeyFeed } from './auth/api-key-feed';
import { ApiKeyRegistry } from './auth/api-key-registry';
import { RateLimiter } from './auth/rate-limiter';
import { API_KEY_FEED, DATA_SOURCE, EVENT_CONSUMER, KAFKA, LOGGER, OUTBOX_RELAY, OUTBOX_WRITER, PLATFORM_OPTIONS, PRODUCER, REDIS, TOPIC_NAMESPACE } from './platform.tokens';
import type { PlatformOptions } from './platform.options';
import { waitForDependency } from './wait-for.util';

/** Connections are opened in factories, so nothing starts consuming before every dependency answers. */
export const platformProviders: Provider[] = [
  {
    provide: TOPIC_NAMESPACE,
    inject: [PLATFORM_OPTIONS],
    useFactory: (o: PlatformOptions) => new TopicNamespace(o.infra.KAFKA_TOPIC_PREFIX),
  },
  {
    provide: DATA_SOURCE,
    inject: [PLATFORM_OPTIONS],
    useFactory: (o: PlatformOptions) =>
      waitForDependency(
        'PostgreSQL',
        () => openServiceDataSource({
          url: o.infra.DATABASE_URL,
          schema: o.serviceName,
          entities: [OutboxEventEntity, ProcessedMessageEntity, ...o.entities],
          migrations: [MessagingTables1732400000000, ...o.migrations],
        }),
        `Check DATABASE_URL (${o.infra.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}) and that PostgreSQL runs: pg_ctlcluster 15 main start`,
      ),
  },
  {
    provide: REDIS,
    inject: [PLATFORM_OPTIONS],
    useFactory: async (o: PlatformOptions) => {
      const redis = new Redis(o.infra.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3_000, keyPrefix: redisKeyPrefix(o) });
      redis.on('error', () => undefined); // readiness reports it; ioredis reconnects by itself
      await waitForDependency('Redis', async () => {
        if (redis.status !== 'ready') await redis.connect().catch(async (e) => { redis.disconnect(); throw e; });
        return redis.ping();
      }, `Check REDIS_URL (${o.infra.REDIS_URL}) and that Redis runs: redis-server --daemonize yes`);
      return redis;
    },
  },
  {
    provide: KAFKA,
    inject: [PLATFORM_OPTIONS, LOGGER],
    useFactory: (o: PlatformOptions, logger: Logger) => createKafka({ brokers: parseBrokers(o.infra.KAFKA_BROKERS), clientId: `hashdesk-${o.serviceName}`, logger }),
  },
  {
    provide: PRODUCER,
    inject: [PLATFORM_OPTIONS, KAFKA, TOPIC_NAMESPACE, LOGGER],
    useFactory: async (o: PlatformOptions, kafka: Kafka, namespace: TopicNamespace, logger: Logger) => {
      // The service's topics exist and have a leader on every partition before anything produces or
      // subscribes. Retriable Kafka errors (broker still starting, topic just created by another service)
      // are retried with a bounded backoff; a non-retriable one stops the start at once, saying which.
      const hint = `Check KAFKA_BROKERS (${o.infra.KAFKA_BROKERS}) and start the broker: npm run kafka:start`;
      const apiKeys = { name: Topics.apiKeyChanged.name, partitions: Topics.apiKeyChanged.partitions, cleanupPolicy: Topics.apiKeyChanged.cleanupPolicy };
      await ensureTopics(kafka, namespace, [...o.topics, apiKeys, { name: `${o.serviceName}.dlt`, partitions: 1, cleanupPolicy: 'delete' }], { logger, hint });
      const producer = createIdempotentProducer(kafka);
      await connectProducer(producer, { logger, hint });
      return producer;
    },
  },
  {
    provide: OUTBOX_WRITER,
    inject: [PLATFORM_OPTIONS, TOPIC_NAMESPACE],
    useFactory: (o: PlatformOptions, namespace: TopicNamespace) => new OutboxWriter(`hashdesk/${o.serviceName}`, namespace),
  },
  {
    provide: OUTBOX_RELAY,
    inject: [PLATFORM_OPTIONS, DATA_SOURCE, PRODUCER, TOPIC_NAMESPACE, LOGGER],
    useFactory: (o: PlatformOptions, ds: DataSource, producer: Producer, namespace: TopicNamespace, logger: Logger) =>
      new OutboxRelay(ds, producer, namespace, logger, { pollIntervalMs: o.infra.OUTBOX_POLL_INTERVAL_MS }),
  },
  {
    provide: EVENT_CONSUMER,
    inject: [PLATFORM_OPTIONS, KAFKA, PRODUCER, TOPIC_NAMESPACE, LOGGER],
    useFactory: (o: PlatformOptions, kafka: Kafka, producer: Producer, namespace: TopicNamespace, logger: Logger) =>
      new EventConsumer(kafka, producer, namespace, logger, { groupName: o.serviceName, ...o.consumer }),
  },
  {
    provide: ApiKeyRegistry,
    inject: [PLATFORM_OPTIONS],
    useFactory: (o: PlatformOptions) => new ApiKeyRegistry(o.infra.HASHDESK_ADMIN_API_KEY),
  },
  {
    // Injecting PRODUCER orders this after the topics exist. Started by bootstrapService before the
    // HTTP server listens (one-shot commands and the replay serve no requests and never start it).
    provide: API_KEY_FEED,
    inject: [KAFKA, TOPIC_NAMESPACE, ApiKeyRegistry, LOGGER, PRODUCER],
    useFactory: (kafka: Kafka, namespace: TopicNamespace, registry: ApiKeyRegistry, logger: Logger) => new ApiKeyFeed(kafka, namespace, registry, logger),
  },
  {
    provide: RateLimiter,
    inject: [REDIS],
    useFactory: (redis: Redis) => new RateLimiter(redis),
  },
];

/**
 * Every key a service writes is scoped to its deployment (database and topic namespace) and to the
 * service: deployments and test runs sharing one Redis never read each other's caches or dedup marks.
 */
export function redisKeyPrefix(o: PlatformOptions): string {
  const database = new URL(o.infra.DATABASE_URL).pathname.slice(1) || 'default';
  return `hashdesk:${database}:${o.infra.KAFKA_TOPIC_PREFIX ?? ''}${o.serviceName}:`;
}
