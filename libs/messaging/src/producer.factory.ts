import type { Kafka, Producer } from 'kafkajs';
import { retryKafkaStartup, type StartupRetryOptions } from './retriable-startup';

/** Idempotent producer, acks from all in-sync replicas, one request in flight to keep order per key. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

/** Connects a producer at start-up, retrying retriable Kafka errors with a bounded backoff (retryKafkaStartup). */
export function connectProducer(producer: Producer, options: StartupRetryOptions & { what?: string } = {}): Promise<void> {
  return retryKafkaStartup(options.what ?? 'producer: connect', () => producer.connect(), options);
}
