import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { Consumer, Kafka } from 'kafkajs';
import type { TopicEntry } from '@hashdesk/contracts';
import { decodeMessage, headersToStrings, metaFromHeaders, type EventMeta } from './event-envelope';
import { retryKafkaStartup } from './retriable-startup';
import type { TopicNamespace } from './topic-namespace';

export interface ProbedEvent<Desc extends DescMessage> {
  meta: EventMeta;
  key: string;
  message: MessageShape<Desc>;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group and collects decoded events:
 * what tests and benchmarks use to see exactly what reached the broker.
 */
export class TopicProbe<Desc extends DescMessage> {
  readonly events: ProbedEvent<Desc>[] = [];
  readonly raw: Array<{ headers: Record<string, string>; key: string; value: Buffer | null }> = [];
  private consumer?: Consumer;
  /** The highest offset collected per partition: a rebalance under load re-delivers uncommitted records, which are not new events. */
  private readonly collectedUpTo = new Map<number, bigint>();

  constructor(private readonly kafka: Kafka, private readonly namespace: TopicNamespace, private readonly entry: TopicEntry<Desc> | { name: string }) {}

  async start(): Promise<this> {
    const consumer = this.kafka.consumer({ groupId: `probe-${process.pid}-${Math.random().toString(36).slice(2)}` });
    this.consumer = consumer;
    const topic = this.namespace.topic(this.entry.name);
    // The topic may have been created a moment ago: retriable metadata errors are retried (bounded).
    await retryKafkaStartup(`probe of ${topic}: connect`, () => consumer.connect());
    await retryKafkaStartup(`probe of ${topic}: subscribe`, () => consumer.subscribe({ topic, fromBeginning: true }));
    let resolveJoin: () => void = () => undefined;
    const joined = new Promise<void>((resolve) => (resolveJoin = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => resolveJoin());
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const offset = BigInt(message.offset);
        if (offset <= (this.collectedUpTo.get(partition) ?? -1n)) return;
        this.collectedUpTo.set(partition, offset);
        const headers = headersToStrings(message.headers);
        this.raw.push({ headers, key: message.key?.toString() ?? '', value: message.value });
        if ('schema' in this.entry) {
          const meta = metaFromHeaders(headers);
          this.events.push({ meta, key: message.key?.toString() ?? '', message: decodeMessage(this.entry, meta, message.value), headers, partition, offset: message.offset });
        }
      },
    });
    await joined;
    return this;
  }

  /** Waits until `predicate` holds over what has arrived, or fails after `timeoutMs`. */
  async waitFor(predicate: (events: ProbedEvent<Desc>[]) => boolean, timeoutMs = 30_000, what = 'events'): Promise<ProbedEvent<Desc>[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${this.entry.name}; got ${this.events.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.events;
  }

  /**
   * Waits until the probe has collected every record on its topic up to the end offsets at the time of the
   * call: the watermark for "nothing else arrived" (anything published before the call is now in `events`).
   */
  async readToEnd(timeoutMs = 30_000): Promise<ProbedEvent<Desc>[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: Array<{ partition: number; high: string }>;
    try {
      ends = await admin.fetchTopicOffsets(this.namespace.topic(this.entry.name));
    } finally {
      await admin.disconnect();
    }
    const deadline = Date.now() + timeoutMs;
    const behind = () => ends.filter((e) => BigInt(e.high) > 0n && (this.collectedUpTo.get(e.partition) ?? -1n) < BigInt(e.high) - 1n);
    while (behind().length > 0) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms reading ${this.entry.name} to its end offsets (${JSON.stringify(ends)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.events;
  }

  async waitForRaw(count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.raw.length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} records on ${this.entry.name}; got ${this.raw.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
