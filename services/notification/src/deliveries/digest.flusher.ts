import { Inject, Injectable } from '@nestjs/common';
import type { JsonValue } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { cloudEventJson } from '../events/cloud-event';
import { EVENT_TYPES } from '../events/notification-event';

/**
 * Digests: a subscription with digest_interval_seconds collects its matches in digest_item; once the
 * oldest item is an interval old, everything collected becomes one delivery (in one transaction),
 * whose id derives from the first item, so a retry of the flush cannot make a second digest.
 */
@Injectable()
export class DigestFlusher {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
  ) {}

  /** Returns how many digests it queued. */
  flushDue(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due: Array<{ id: string }> = await em.query(
        `SELECT s.id FROM subscription s
          WHERE s.digest_interval_seconds IS NOT NULL AND s.enabled AND s.disabled_at IS NULL
            AND (SELECT min(created_at) FROM digest_item i WHERE i.subscription_id = s.id) <= now() - make_interval(secs => s.digest_interval_seconds)
          FOR UPDATE OF s SKIP LOCKED`,
      );
      for (const { id } of due) {
        const [items]: [Array<{ id: string; event_id: string; payload: unknown; created_at: Date }>] = await em.query(
          'DELETE FROM digest_item WHERE subscription_id = $1 RETURNING id, event_id, payload, created_at', [id]);
        if (items.length === 0) continue;
        items.sort((a, b) => Number(a.id) - Number(b.id));
        const digestId = `digest-${id}-${items[0].id}`;
        const body = cloudEventJson({
          id: digestId, type: EVENT_TYPES.digest, subject: 'digest', time: new Date(),
          data: { subscriptionId: id, from: items[0].created_at.toISOString(), to: items[items.length - 1].created_at.toISOString(), count: items.length, events: items.map((i) => i.payload as JsonValue) },
        });
        const tooLarge = Buffer.byteLength(body) > this.config.NOTIFICATION_MAX_PAYLOAD_BYTES;
        await em.query(
          `INSERT INTO delivery (event_id, subscription_id, event_type, event_time, body, status, last_error, dead_at)
           VALUES ($1, $2, $3, now(), $4, $5, $6, CASE WHEN $5 = 'dead' THEN now() END) ON CONFLICT DO NOTHING`,
          [digestId, id, EVENT_TYPES.digest, body, tooLarge ? 'dead' : 'pending', tooLarge ? `payload exceeds ${this.config.NOTIFICATION_MAX_PAYLOAD_BYTES} bytes` : null],
        );
      }
      return due.length;
    });
  }
}
