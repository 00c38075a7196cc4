import { Inject, Injectable } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { AlertRaisedSchema, Topics } from '@hashdesk/contracts';
import { traceIdOf, tryMarkProcessed, type DecodedEvent } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { DeliveryWorker } from './delivery.worker';

/**
 * Turns an alert into a pending delivery, in the same transaction as the inbox row: once the
 * offset is committed the delivery is on disk, so a crash before the POST loses nothing.
 */
@Injectable()
export class EnqueueAlertUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly worker: DeliveryWorker,
  ) {}

  async execute(event: DecodedEvent<typeof Topics.alertRaised.schema>): Promise<void> {
    const endpoint = this.config.NOTIFICATION_WEBHOOK_URL;
    const body = JSON.stringify({
      id: event.meta.id,
      type: event.meta.type,
      source: event.meta.source,
      time: event.meta.time.toISOString(),
      traceId: traceIdOf(event.meta.traceparent) ?? null,
      data: toJson(AlertRaisedSchema, event.message),
    });
    const queued = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'notification', event.meta.id, event.topic))) return false;
      if (!endpoint) return false;
      await em.query(
        `INSERT INTO delivery (event_id, endpoint_url, body, traceparent, status) VALUES ($1, $2, $3, $4, 'pending')
         ON CONFLICT (event_id, endpoint_url) DO NOTHING`,
        [event.meta.id, endpoint, body, event.meta.traceparent ?? null],
      );
      return true;
    });
    if (!endpoint) this.logger.warn({ eventId: event.meta.id }, 'no NOTIFICATION_WEBHOOK_URL configured: alert recorded, not delivered');
    if (queued) this.worker.kick();
  }
}
