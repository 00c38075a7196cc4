import type { Consumer, Kafka } from 'kafkajs';
import { Topics, type ApiKeyChanged } from '@hashdesk/contracts';
import { decodeMessage, headersToStrings, metaFromHeaders, retryKafkaStartup, type TopicNamespace } from '@hashdesk/messaging';
import type { Logger } from '@hashdesk/observability';

/** Where the feed folds each key's state: the service's registry, or the key command's listing. */
export interface ApiKeySink {
  apply(change: ApiKeyChanged): void;
}

const CATCH_UP_TIMEOUT_MS = 30_000;

/**
 * Follows identity.api-key.changed.v1 from its first offset into the registry, for the life of the
 * service. start() returns once everything published before it was folded, so a key issued before
 * the service started is accepted by its first request.
 */
export class ApiKeyFeed {
  private consumer?: Consumer;
  private readonly nextOffsetByPartition = new Map<number, bigint>();

  constructor(private readonly kafka: Kafka, private readonly namespace: TopicNamespace, private readonly sink: ApiKeySink, private readonly logger: Pick<Logger, 'info' | 'warn'>) {}

  async start(readerName: string): Promise<void> {
    const topic = this.namespace.topic(Topics.apiKeyChanged.name);
    const ends = await this.endOffsets(topic);
    // A group of its own per process: every instance reads the whole compacted topic; nothing is committed.
    const consumer = this.kafka.consumer({ groupId: this.namespace.group(`${readerName}-api-keys-${process.pid}-${Date.now().toString(36)}`) });
    this.consumer = consumer;
    await retryKafkaStartup(`api keys: connect`, () => consumer.connect());
    await retryKafkaStartup(`api keys: subscribe ${topic}`, () => consumer.subscribe({ topic, fromBeginning: true }));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        this.nextOffsetByPartition.set(partition, BigInt(message.offset) + 1n);
        try {
          const headers = headersToStrings(message.headers);
          this.sink.apply(decodeMessage(Topics.apiKeyChanged, metaFromHeaders(headers), message.value));
        } catch (error) {
          this.logger.warn({ err: error, offset: message.offset }, 'api keys: unreadable record skipped');
        }
      },
    });
    await this.waitUntilPast(ends);
    this.logger.info({ topic }, 'api keys: caught up');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async endOffsets(topic: string): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await retryKafkaStartup(`api keys: admin connect`, () => admin.connect());
    try {
      const offsets = await retryKafkaStartup(`api keys: offsets of ${topic}`, () => admin.fetchTopicOffsets(topic));
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async waitUntilPast(ends: Map<number, bigint>): Promise<void> {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    const behind = () => [...ends].filter(([partition, end]) => end > 0n && (this.nextOffsetByPartition.get(partition) ?? 0n) < end);
    while (behind().length > 0) {
      if (Date.now() > deadline) throw new Error(`api keys: not caught up with ${Topics.apiKeyChanged.name} after ${CATCH_UP_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
