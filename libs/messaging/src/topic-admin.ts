import type { Kafka } from 'kafkajs';
import type { TopicEntry } from '@hashdesk/contracts';
import type { TopicNamespace } from './topic-namespace';

export interface TopicSpec {
  name: string;
  partitions: number;
  cleanupPolicy: 'delete' | 'compact';
}

export const specOf = (entry: TopicEntry): TopicSpec => ({
  name: entry.name,
  partitions: entry.partitions,
  cleanupPolicy: entry.cleanupPolicy,
});

/** Creates the topics that do not exist yet, with their partitions and cleanup policy. Idempotent. */
export async function ensureTopics(kafka: Kafka, namespace: TopicNamespace, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(namespace.topic(s.name)));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: namespace.topic(s.name),
        numPartitions: s.partitions,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: s.cleanupPolicy }],
      })),
    });
  } catch (error) {
    // Another service may have created the same topic a moment earlier.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  } finally {
    await admin.disconnect();
  }
}
