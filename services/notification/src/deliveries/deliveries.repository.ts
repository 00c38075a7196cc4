import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';
import { SubscriptionException, SubscriptionExceptionCode } from '../subscriptions/subscription.exception';

const VIEW = `d.id, d.event_id AS "webhookId", d.event_type AS "eventType", d.subscription_id AS "subscriptionId", s.channel, d.status, d.attempts,
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.created_at AS "createdAt", d.event_time AS "eventTime",
  d.last_attempt_at AS "lastAttemptAt", CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt",
  d.delivered_at AS "deliveredAt", d.dead_at AS "deadAt", d.latency_ms AS "latencyMs", d.last_duration_ms AS "lastDurationMs", d.replays`;

export interface DeliveryQuery {
  status?: string;
  subscriptionId?: string;
  limit: number;
  beforeId?: string;
}

/** The delivery log and dead-letter list, always scoped to one subscriber through its subscriptions. */
@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  list(subscriberId: string, query: DeliveryQuery): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT ${VIEW} FROM delivery d JOIN subscription s ON s.id = d.subscription_id
        WHERE s.subscriber_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::uuid IS NULL OR d.subscription_id = $3)
          AND ($4::bigint IS NULL OR d.id < $4) ORDER BY d.id DESC LIMIT $5`,
      [subscriberId, query.status ?? null, query.subscriptionId ?? null, query.beforeId ?? null, query.limit],
    );
  }

  async get(subscriberId: string, id: string): Promise<Record<string, unknown>> {
    const [row] = await this.dataSource.query(
      `SELECT ${VIEW}, d.body FROM delivery d JOIN subscription s ON s.id = d.subscription_id WHERE d.id = $1 AND s.subscriber_id = $2`, [id, subscriberId]);
    if (!row) throw new SubscriptionException(SubscriptionExceptionCode.DELIVERY_NOT_FOUND, `no delivery ${id}`);
    return row;
  }

  /** A dead delivery goes back on the schedule with the same webhook-id; its attempt count starts again. */
  async replay(subscriberId: string, id: string): Promise<Record<string, unknown>> {
    const [rows] = await this.dataSource.query(
      `UPDATE delivery d SET status = 'pending', attempts = 0, next_attempt_at = now(), dead_at = NULL, replays = replays + 1
         FROM subscription s WHERE s.id = d.subscription_id AND d.id = $1 AND s.subscriber_id = $2 AND d.status = 'dead' RETURNING d.id`,
      [id, subscriberId],
    );
    if (rows.length === 0) {
      await this.get(subscriberId, id); // 404 when it is not the caller's
      throw new SubscriptionException(SubscriptionExceptionCode.DELIVERY_NOT_FOUND, `delivery ${id} is not dead-lettered`);
    }
    return this.get(subscriberId, id);
  }

  async replayAll(subscriberId: string, subscriptionId?: string): Promise<number> {
    const [, count] = await this.dataSource.query(
      `UPDATE delivery d SET status = 'pending', attempts = 0, next_attempt_at = now(), dead_at = NULL, replays = replays + 1
         FROM subscription s WHERE s.id = d.subscription_id AND s.subscriber_id = $1 AND d.status = 'dead' AND ($2::uuid IS NULL OR d.subscription_id = $2)`,
      [subscriberId, subscriptionId ?? null],
    );
    return Number(count);
  }
}
