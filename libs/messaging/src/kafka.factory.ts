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
      else if (entry.level <= logLevel.ERROR) options.logger.error(line, message);
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
