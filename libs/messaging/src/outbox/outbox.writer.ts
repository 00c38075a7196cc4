import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import type { TopicEntry } from '@hashdesk/contracts';
import { encodeMessage, metaToHeaders, newEventId, type EventMeta } from '../event-envelope';
import { context } from '@opentelemetry/api';
import { contextFromHeaders, createMessageSpan, currentTraceHeaders } from '../trace-context';
import { TopicNamespace } from '../topic-namespace';
import { OutboxEventEntity } from './outbox-event.entity';

export interface OutboxMessage<Desc extends DescMessage> {
  entry: TopicEntry<Desc>;
  message: MessageShape<Desc>;
  /** When the reported fact was true. */
  eventTime: Date;
  /** Defaults to a new UUID; pass a deterministic id where re-computation must give the same event. */
  eventId?: string;
  subject?: string;
  /** The context the event is created in; defaults to the active trace context. */
  traceparent?: string;
}

/**
 * Adds events to the outbox inside the caller's transaction; nothing reaches Kafka until it commits.
 * Each event gets a `create <topic>` PRODUCER span, a child of its context; the event carries that
 * span's traceparent, so its consumers' spans continue the trace from it.
 */
export class OutboxWriter {
  constructor(private readonly source: string, private readonly namespace = new TopicNamespace()) {}

  async add<Desc extends DescMessage>(em: EntityManager, ...events: OutboxMessage<Desc>[]): Promise<EventMeta[]> {
    if (events.length === 0) return [];
    const trace = currentTraceHeaders();
    const metas: EventMeta[] = [];
    const rows = events.map((event) => {
      const id = event.eventId ?? newEventId();
      const partitionKey = event.entry.key(event.message);
      const parent = event.traceparent ? contextFromHeaders({ traceparent: event.traceparent }) : context.active();
      const created = createMessageSpan({ topic: this.namespace.topic(event.entry.name), logicalTopic: event.entry.name }, { key: partitionKey, messageId: id }, parent);
      const meta: EventMeta = {
        id,
        type: event.entry.schema.typeName,
        source: this.source,
        time: event.eventTime,
        subject: event.subject,
        // Without tracing (no SDK) there is no span: the given or active context is kept as it is.
        traceparent: created.traceparent ?? event.traceparent ?? trace.traceparent,
        tracestate: created.traceparent ? created.tracestate : event.traceparent ? undefined : trace.tracestate,
      };
      metas.push(meta);
      return em.create(OutboxEventEntity, {
        topic: event.entry.name,
        partitionKey,
        headers: metaToHeaders(meta),
        payload: encodeMessage(event.entry, event.message),
      });
    });
    await em.insert(OutboxEventEntity, rows);
    return metas;
  }
}
