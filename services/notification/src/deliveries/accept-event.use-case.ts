import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';
import type { NotificationEvent } from '../events/notification-event';
import { EventRouter } from './event-router.worker';
import { RedisCache } from './redis-cache';

/**
 * The Kafka handler's whole job: one statement that writes the inbox row and, unless it was there
 * already (a redelivery), the event into inbound_event; Redis remembers the id after that commit. A single statement is its own transaction,
 * so when the handler resolves and the offset is committed the event is on disk; the router turns
 * it into deliveries in batches (RouteEventsUseCase). One round trip per event instead of a
 * transaction of five or more is what lets one consumer keep up with thousands of events a second.
 */
@Injectable()
export class AcceptEventUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly router: EventRouter,
    private readonly cache: RedisCache,
  ) {}

  async execute(event: NotificationEvent, topic: string): Promise<void> {
    // A redelivery Redis remembers costs no PostgreSQL round trip; one it forgot is caught by the inbox.
    if (await this.cache.seen(event.id)) return;
    await this.dataSource.query(
      `WITH marked AS (
         INSERT INTO processed_message (consumer_group, message_id, topic) VALUES ('notification', $1, $2)
         ON CONFLICT DO NOTHING RETURNING message_id)
       INSERT INTO inbound_event (event_id, event_type, subject, severity, event_time, metrics, traceparent, data)
       SELECT message_id, $3, $4, $5, $6, $7::json, $8, $9::json FROM marked`,
      [event.id, topic, event.type, event.subject, event.severity ?? null, event.time, JSON.stringify(event.metrics), event.traceparent ?? null, JSON.stringify(event.data)],
    );
    await this.cache.markSeen(event.id);
    this.router.kick();
  }
}
