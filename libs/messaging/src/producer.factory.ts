import type { Kafka, Producer } from 'kafkajs';

/** Idempotent producer, acks from all in-sync replicas, one request in flight to keep order per key. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
