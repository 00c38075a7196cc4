import { headersToStrings, type Kafka, type TopicNamespace } from '@hashdesk/messaging';

/** One message as it sits on a topic, undecoded. */
export interface SourceRecord {
  /** Logical topic name (no namespace prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string;
  headers: Record<string, string>;
  value: Buffer | null;
}

const READ_IDLE_TIMEOUT_MS = 30_000;

const stalled = (remaining: Map<string, bigint>): Error =>
  new Error(`replay: no message for ${READ_IDLE_TIMEOUT_MS / 1000} s before the end of ${[...remaining.keys()].join(', ')}; is the broker up (npm run kafka:start)?`);

/**
 * Reads every message of the given topics from the start up to the end they had when the read began
 * (later messages are left for the next replay), with a throw-away consumer group that is deleted after.
 */
export async function readTopicsToEnd(kafka: Kafka, namespace: TopicNamespace, topics: string[]): Promise<SourceRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `replay-reader-${process.pid}-${Date.now()}`;
  try {
    const remaining = new Map<string, bigint>(); // "topic/partition" → high watermark still to reach
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(namespace.topic(topic))) {
        if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}/${p.partition}`, BigInt(p.high));
      }
    }
    const records: SourceRecord[] = [];
    if (remaining.size === 0) return records;
    const logicalOf = new Map(topics.map((t) => [namespace.topic(t), t]));
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...logicalOf.keys()], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // A gap before the high watermark (e.g. a transaction marker) would otherwise wait forever.
        let idle = setTimeout(() => reject(stalled(remaining)), READ_IDLE_TIMEOUT_MS);
        const done = (): void => { clearTimeout(idle); resolve(); };
        consumer.on(consumer.events.CRASH, (e) => { clearTimeout(idle); reject(e.payload.error); });
        void consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            clearTimeout(idle);
            idle = setTimeout(() => reject(stalled(remaining)), READ_IDLE_TIMEOUT_MS);
            const logical = logicalOf.get(topic) as string;
            const slot = `${logical}/${partition}`;
            const high = remaining.get(slot);
            if (high === undefined || BigInt(message.offset) >= high) return;
            records.push({ topic: logical, partition, offset: message.offset, key: message.key?.toString() ?? '', headers: headersToStrings(message.headers), value: message.value });
            if (BigInt(message.offset) + 1n >= high) remaining.delete(slot);
            if (remaining.size === 0) done();
          },
        }).catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return records;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
