import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationEvent } from '../events/notification-event';
import { EventRouter } from './event-router.worker';
import { RedisCache } from './redis-cache';

/**
 * The Kafka handler's whole job: write the consumed events into inbound_event, where the router turns
 * them into deliveries in batches (RouteEventsUseCase). The consumer's batch path (EventConsumer
 * subscribeBatch) calls acceptBatch inside its transaction, after the inbox rows of the same batch:
 * one multi-row INSERT for up to a few hundred events, so when the offsets are committed the events
 * are on disk. Redis remembers the ids after that commit (remember), and knownEvents lets a
 * redelivery Redis remembers skip PostgreSQL altogether; one it forgot is caught by the inbox.
 */
@Injectable()
export class AcceptEventUseCase {
  constructor(
    private readonly router: EventRouter,
    private readonly cache: RedisCache,
  ) {}

  /** Inside the consumer's transaction, with the events its inbox found new, in offset order. */
  async acceptBatch(em: EntityManager, events: NotificationEvent[]): Promise<void> {
    await em.query(
      `INSERT INTO inbound_event (event_id, event_type, subject, severity, event_time, metrics, traceparent, data)
       SELECT x.event_id, x.event_type, x.subject, x.severity, x.event_time, x.metrics::json, x.traceparent, x.data::json
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY
              AS x(event_id, event_type, subject, severity, event_time, metrics, traceparent, data, n)
        ORDER BY x.n`,
      [
        events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.subject), events.map((e) => e.severity ?? null), events.map((e) => e.time),
        events.map((e) => JSON.stringify(e.metrics)), events.map((e) => e.traceparent ?? null), events.map((e) => JSON.stringify(e.data)),
      ],
    );
  }

  /** The ids Redis remembers as accepted (fails open: none). */
  knownEvents(eventIds: string[]): Promise<Set<string>> {
    return this.cache.seenAll(eventIds);
  }

  /** After the commit: Redis remembers the ids, and the router is woken. */
  async remember(eventIds: string[]): Promise<void> {
    this.router.kick();
    await this.cache.markSeenAll(eventIds);
  }
}
