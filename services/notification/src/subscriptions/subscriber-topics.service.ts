import { Inject, Injectable } from '@nestjs/common';
import { defineTopic, NotificationDeliveredSchema, type TopicEntry } from '@hashdesk/contracts';
import { ensureTopics, type Kafka, type TopicNamespace } from '@hashdesk/messaging';
import { KAFKA, TOPIC_NAMESPACE } from '@hashdesk/platform';

/**
 * The "kafka" channel: each subscriber has its own topic, notification.subscriber-<id>.delivered.v1,
 * written through the outbox like every other topic, keyed by subject.
 */
@Injectable()
export class SubscriberTopics {
  private readonly entries = new Map<string, TopicEntry<typeof NotificationDeliveredSchema>>();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMESPACE) private readonly namespace: TopicNamespace,
  ) {}

  topicOf(subscriberId: string): string {
    return this.namespace.topic(this.entryOf(subscriberId).name);
  }

  entryOf(subscriberId: string): TopicEntry<typeof NotificationDeliveredSchema> {
    let entry = this.entries.get(subscriberId);
    if (!entry) {
      entry = defineTopic({
        name: `notification.subscriber-${subscriberId.toLowerCase()}.delivered.v1`,
        schema: NotificationDeliveredSchema,
        keyDescription: 'subject: "network" or a company ticker',
        key: (m) => m.subject,
        partitions: 1,
        cleanupPolicy: 'delete',
        producer: 'notification',
      });
      this.entries.set(subscriberId, entry);
    }
    return entry;
  }

  async ensure(subscriberId: string): Promise<void> {
    const entry = this.entryOf(subscriberId);
    await ensureTopics(this.kafka, this.namespace, [{ name: entry.name, partitions: entry.partitions, cleanupPolicy: entry.cleanupPolicy }]);
  }
}
