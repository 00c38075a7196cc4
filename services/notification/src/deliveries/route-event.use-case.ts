import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { traceIdOf, tryMarkProcessed } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { deliveryBody, type NotificationEvent } from '../events/notification-event';
import { matchesFilter } from '../subscriptions/subscription-filter';
import { decide, EMPTY_RULE_STATE, type RuleState } from '../subscriptions/subscription-rule';
import type { SubscriptionRow } from '../subscriptions/subscription.model';
import { DeliveryWorker } from './delivery.worker';
import { RedisCache } from './redis-cache';

type Candidate = Pick<SubscriptionRow, 'id' | 'rule' | 'cooldown_seconds' | 'digest_interval_seconds' | 'event_types' | 'subjects' | 'severities'>;

/**
 * Decides which subscriptions get an event and queues their deliveries (or digest items), in the
 * same transaction as the inbox row and the rule state: once the offset is committed everything is
 * on disk, so a crash before sending loses nothing and a redelivered event queues nothing twice.
 */
@Injectable()
export class RouteEventUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly cache: RedisCache,
    private readonly worker: DeliveryWorker,
  ) {}

  async execute(event: NotificationEvent, topic: string): Promise<void> {
    if (await this.cache.seen(event.id)) return; // fast path; the inbox below is the real guard
    const queued = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'notification', event.id, topic))) return 0;
      const candidates: Candidate[] = await em.query(
        `SELECT id, rule, cooldown_seconds, digest_interval_seconds, event_types, subjects, severities FROM subscription
          WHERE enabled AND disabled_at IS NULL
            AND (cardinality(event_types) = 0 OR $1 = ANY(event_types))
            AND (cardinality(subjects) = 0 OR $2 = ANY(subjects))
            AND (cardinality(severities) = 0 OR $3 = ANY(severities))`,
        [event.type, event.subject, event.severity ?? null],
      );
      const matching = candidates.filter((s) => matchesFilter({ eventTypes: s.event_types, subjects: s.subjects, severities: s.severities }, event));
      const fired = await this.applyRules(em, event, matching);
      return this.queue(em, event, fired);
    });
    await this.cache.remember(event.id);
    if (queued > 0) this.worker.kick();
  }

  /** Subscriptions without rule or cooldown fire at once; the others through decide(), with their state locked. */
  private async applyRules(em: EntityManager, event: NotificationEvent, matching: Candidate[]): Promise<Array<{ subscription: Candidate; reason?: string }>> {
    const stateful = matching.filter((s) => s.rule || s.cooldown_seconds > 0);
    const fired: Array<{ subscription: Candidate; reason?: string }> = matching.filter((s) => !stateful.includes(s)).map((subscription) => ({ subscription }));
    if (stateful.length === 0) return fired;
    const rows: Array<{ subscription_id: string; last_value: number | null; history: Array<[number, number]>; last_fired_at_ms: string | null }> = await em.query(
      'SELECT subscription_id, last_value, history, last_fired_at_ms FROM subscription_state WHERE subscription_id = ANY($1::uuid[]) AND subject = $2 FOR UPDATE',
      [stateful.map((s) => s.id), event.subject],
    );
    const states = new Map(rows.map((r) => [r.subscription_id, { lastValue: r.last_value, history: r.history, lastFiredAtMs: r.last_fired_at_ms === null ? null : Number(r.last_fired_at_ms) } satisfies RuleState]));
    const next: Array<{ id: string; state: RuleState }> = [];
    for (const subscription of stateful) {
      const decision = decide(subscription.rule, subscription.cooldown_seconds, states.get(subscription.id) ?? EMPTY_RULE_STATE, { metrics: event.metrics, timeMs: event.time.getTime() });
      next.push({ id: subscription.id, state: decision.state });
      if (decision.fire) fired.push({ subscription, reason: subscription.rule ? decision.reason : undefined });
    }
    await em.query(
      `INSERT INTO subscription_state (subscription_id, subject, last_value, history, last_fired_at_ms)
       SELECT x.id, $2, x.last_value, x.history, x.last_fired_at_ms
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, last_value double precision, history jsonb, last_fired_at_ms bigint)
       ON CONFLICT (subscription_id, subject) DO UPDATE SET last_value = EXCLUDED.last_value, history = EXCLUDED.history, last_fired_at_ms = EXCLUDED.last_fired_at_ms`,
      [JSON.stringify(next.map((n) => ({ id: n.id, last_value: n.state.lastValue, history: n.state.history, last_fired_at_ms: n.state.lastFiredAtMs }))), event.subject],
    );
    return fired;
  }

  private async queue(em: EntityManager, event: NotificationEvent, fired: Array<{ subscription: Candidate; reason?: string }>): Promise<number> {
    if (fired.length === 0) return 0;
    const base = deliveryBody(event, 'hashdesk/notification', traceIdOf(event.traceparent) ?? null);
    const bodyOf = (reason?: string) => (reason ? `${base.slice(0, -1)},"trigger":${JSON.stringify(reason)}}` : base);
    const digested = fired.filter((f) => f.subscription.digest_interval_seconds);
    const direct = fired.filter((f) => !f.subscription.digest_interval_seconds);
    if (digested.length > 0) {
      await em.query(
        `INSERT INTO digest_item (subscription_id, event_id, payload) SELECT x.id, $1, x.payload
           FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, payload jsonb) ON CONFLICT DO NOTHING`,
        [event.id, JSON.stringify(digested.map((f) => ({ id: f.subscription.id, payload: JSON.parse(bodyOf(f.reason)) })))],
      );
    }
    if (direct.length > 0) {
      const limit = this.config.NOTIFICATION_MAX_PAYLOAD_BYTES;
      const rows = direct.map((f) => {
        const body = bodyOf(f.reason);
        const tooLarge = Buffer.byteLength(body) > limit;
        return { id: f.subscription.id, body, status: tooLarge ? 'dead' : 'pending', error: tooLarge ? `payload exceeds ${limit} bytes` : null };
      });
      await em.query(
        `INSERT INTO delivery (event_id, subscription_id, event_type, event_time, body, traceparent, status, last_error, dead_at)
         SELECT $1, x.id, $2, $3, x.body, $4, x.status, x.error, CASE WHEN x.status = 'dead' THEN now() END
           FROM jsonb_to_recordset($5::jsonb) AS x(id uuid, body text, status text, error text)
         ON CONFLICT (event_id, subscription_id) DO NOTHING`,
        [event.id, event.type, event.time, event.traceparent ?? null, JSON.stringify(rows)],
      );
      for (const row of rows) if (row.status === 'dead') this.logger.warn({ eventId: event.id, subscriptionId: row.id }, row.error!);
    }
    return fired.length;
  }
}
