import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import type { TopicEntry } from '@hashdesk/contracts';
import { encodeMessage, metaToHeaders, newEventId, type EventMeta } from '../event-envelope';
import { currentTraceHeaders } from '../trace-context';
import { OutboxEventEntity } from './outbox-event.entity';

export interface OutboxMessage<Desc extends DescMessage> {
  entry: TopicEntry<Desc>;
  message: MessageShape<Desc>;
  /** When the reported fact was true. */
  eventTime: Date;
  /** Defaults to a new UUID; pass a deterministic id where re-computation must give the same event. */
  eventId?: string;
  subject?: string;
  /** Defaults to the active trace context. */
  traceparent?: string;
}

/** Adds events to the outbox inside the caller's transaction; nothing reaches Kafka until it commits. */
export class OutboxWriter {
  constructor(private readonly source: string) {}

  async add<Desc extends DescMessage>(em: EntityManager, ...events: OutboxMessage<Desc>[]): Promise<EventMeta[]> {
    if (events.length === 0) return [];
    const trace = currentTraceHeaders();
    const metas: EventMeta[] = [];
    const rows = events.map((event) => {
      const meta: EventMeta = {
        id: event.eventId ?? newEventId(),
        type: event.entry.schema.typeName,
        source: this.source,
        time: event.eventTime,
        subject: event.subject,
        traceparent: event.traceparent ?? trace.traceparent,
        tracestate: event.traceparent ? undefined : trace.tracestate,
      };
      metas.push(meta);
      return em.create(OutboxEventEntity, {
        topic: event.entry.name,
        partitionKey: event.entry.key(event.message),
        headers: metaToHeaders(meta),
        payload: encodeMessage(event.entry, event.message),
      });
    });
    await em.insert(OutboxEventEntity, rows);
    return metas;
  }
}
