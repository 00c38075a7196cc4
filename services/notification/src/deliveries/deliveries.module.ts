import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import type { DescMessage } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { APP_FILTER } from '@nestjs/core';
import { Topics, type TopicEntry } from '@hashdesk/contracts';
import type { DecodedEvent, EventConsumer } from '@hashdesk/messaging';
import { DATA_SOURCE, EVENT_CONSUMER } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { fromAlertRaised, fromHashpriceComputed, type NotificationEvent } from '../events/notification-event';
import { LocalAesGcmCipher } from '../secrets/local-aes-gcm.cipher';
import { SECRET_CIPHER, type SecretCipher } from '../secrets/secret-cipher';
import { SecretsAtRest } from '../secrets/secrets-at-rest.service';
import { StreamController } from '../stream/stream.controller';
import { StreamHub } from '../stream/stream-hub';
import { ApiKeyGuard } from '../subscriptions/api-key.guard';
import { DefaultSubscription } from '../subscriptions/default-subscription.service';
import { SsrfGuard } from '../subscriptions/ssrf-guard';
import { SubscriberTopics } from '../subscriptions/subscriber-topics.service';
import { SubscribersController } from '../subscriptions/subscribers.controller';
import { SubscriptionExceptionFilter } from '../subscriptions/subscription-exception.filter';
import { SubscriptionsController } from '../subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery.worker';
import { DigestFlusher } from './digest.flusher';
import { RedisCache } from './redis-cache';
import { UnroutableEventsController } from './unroutable-events.controller';
import { AcceptEventUseCase } from './accept-event.use-case';
import { EventRouter } from './event-router.worker';
import { RouteEventsUseCase } from './route-events.use-case';

/** Subscriptions, routing and delivery: the notification service's one feature module. */
@Module({})
export class DeliveriesModule implements OnModuleInit {
  static register(configProvider: Provider): DynamicModule {
    return {
      module: DeliveriesModule,
      controllers: [SubscribersController, SubscriptionsController, DeliveriesController, StreamController, UnroutableEventsController],
      providers: [
        configProvider,
        {
          provide: SsrfGuard,
          inject: [NOTIFICATION_CONFIG],
          // The operator's own default endpoint's origin is trusted; everything else must pass the guard or the allowlist.
          useFactory: (config: NotificationEnv) => SsrfGuard.fromConfig(config.NOTIFICATION_URL_ALLOWLIST, config.NOTIFICATION_WEBHOOK_URL),
        },
        {
          provide: SECRET_CIPHER,
          inject: [NOTIFICATION_CONFIG],
          useFactory: (config: NotificationEnv): SecretCipher => LocalAesGcmCipher.fromEnv(config.NOTIFICATION_SECRET_KEYS),
        },
        SecretsAtRest,
        { provide: APP_FILTER, useClass: SubscriptionExceptionFilter },
        SubscriptionsRepository,
        DeliveriesRepository,
        DefaultSubscription,
        ApiKeyGuard,
        SubscriberTopics,
        StreamHub,
        RedisCache,
        DigestFlusher,
        DeliveryWorker,
        RouteEventsUseCase,
        EventRouter,
        AcceptEventUseCase,
      ],
    };
  }

  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly accept: AcceptEventUseCase,
  ) {}

  /** Both input topics on the consumer's batch path: one transaction (inbox rows + inbound_event rows) per batch. */
  onModuleInit(): void {
    this.acceptInBatches(Topics.alertRaised, (event) => fromAlertRaised(event.meta, event.message));
    this.acceptInBatches(Topics.hashpriceComputed, (event) => fromHashpriceComputed(event.meta, event.message));
  }

  private acceptInBatches<Desc extends DescMessage>(entry: TopicEntry<Desc>, toEvent: (event: DecodedEvent<Desc>) => NotificationEvent): void {
    this.consumer.subscribeBatch(entry, {
      dataSource: this.dataSource,
      alreadyHandled: (events) => this.accept.knownEvents(events.map((e) => e.meta.id)),
      handle: (events, em) => this.accept.acceptBatch(em, events.map(toEvent)),
      afterCommit: (events) => this.accept.remember(events.map((e) => e.meta.id)),
    });
  }
}
