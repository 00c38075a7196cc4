// The only place that talks to kafkajs: typed publish through the outbox, typed consume with an inbox,
// retries and a dead-letter topic, topic creation from the registry.
export type { Kafka, Producer } from 'kafkajs';
export * from './logger.port';
export * from './kafka.factory';
export * from './producer.factory';
export * from './topic-namespace';
export * from './topic-admin';
export * from './retriable-startup';
export * from './trace-context';
export * from './event-envelope';
export * from './derived-event-id';
export * from './outbox/outbox-event.entity';
export * from './outbox/outbox.writer';
export * from './outbox/outbox.relay';
export * from './inbox/processed-message.entity';
export * from './inbox/inbox';
export * from './consumer/handler-error';
export * from './consumer/event-consumer';
export * from './migrations/1732400000000-messaging-tables.migration';
export * from './topic-probe';
export * from './messaging-metrics';
