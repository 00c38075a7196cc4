import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { LoggerPort } from './logger.port';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  logger: LoggerPort;
}

/** One kafkajs client per process; its own log lines go through our structured logger. */
export function createKafka(options: KafkaConnectionOptions): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const line = { kafkajs: entry.namespace, ...rest };
      if (isExpected(message, rest)) options.logger.debug(line, message);
      else if (entry.level <= logLevel.ERROR && !isTransient(message, rest)) options.logger.error(line, message);
      else options.logger.warn(line, message);
    },
  });
}

export const parseBrokers = (value: string): string[] => value.split(',').map((b) => b.trim()).filter(Boolean);

/**
 * Messages that are normal here: services create the same registry topics concurrently at start-up,
 * and the idempotent producer's bounded retries are deliberate (the outbox relay retries the batch
 * and consumers deduplicate by ce_id, so at-least-once holds).
 */
function isExpected(message: string, fields: Record<string, unknown>): boolean {
  return (
    (message.includes('CreateTopics') && fields.error === 'Topic creation errors') ||
    message.startsWith('Limiting retries for the idempotent producer')
  );
}

/**
 * Broker answers that are normal for a moment on a fresh broker: a topic created a moment ago that the
 * broker does not host yet or whose leader is being elected, the group coordinator (its
 * __consumer_offsets partition) still being created or loaded. They are retried (retryKafkaStartup,
 * waitForTopicLeaders, kafkajs' own retries), bounded, and reported by those when they give up: a
 * warning here, not an error.
 */
const TRANSIENT_RESPONSE_ERRORS = new Set([
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  "The coordinator is loading and hence can't process requests for this group",
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
]);
function isTransient(message: string, fields: Record<string, unknown>): boolean {
  return message.startsWith('Response ') && TRANSIENT_RESPONSE_ERRORS.has(String(fields.error));
}
