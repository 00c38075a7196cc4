import { Inject, Injectable } from '@nestjs/common';
import type { JsonValue } from '@bufbuild/protobuf';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { deliveryBody, type NotificationEvent, type SeverityName } from '../events/notification-event';
import { matchesFilter } from '../subscriptions/subscription-filter';
import { decide, EMPTY_RULE_STATE, type RuleState } from '../subscriptions/subscription-rule';
import type { SubscriptionRow } from '../subscriptions/subscription.model';
import { RedisCache } from './redis-cache';

type Candidate = Pick<SubscriptionRow, 'id' | 'rule' | 'cooldown_seconds' | 'digest_interval_seconds' | 'event_types' | 'subjects' | 'severities'>;
type Fired = { event: NotificationEvent; subscription: Candidate; reason?: string };

/** Events taken per transaction. */
const EVENT_BATCH = 500;
/** Deliveries queued per transaction at most (the first event always goes, however wide its fan-out). */
const MAX_FAN_OUT = 10_000;

/**
 * Decides which subscriptions get each accepted event and queues their deliveries (or digest items)
 * for a batch of events in one transaction: rule states, delivery rows (one multi-row INSERT) and the
 * removal of the routed events from inbound_event commit together, so a crash routes them again
 * from the start and the unique (event_id, subscription_id) keeps a delivery from being queued twice.
 * Events are routed in the order they were accepted, by one router at a time (an advisory lock), so
 * crossing rules see each subject's values in order.
 */
@Injectable()
export class RouteEventsUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly cache: RedisCache,
  ) {}

  /**
   * Sets the oldest waiting event aside in unroutable_event with the error that stopped it (the router
   * calls this once routing it alone has failed too), so that the events behind it are routed.
   */
  async setAsideOldest(error: string): Promise<string | undefined> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('notification.route-events'))`);
      const moved: Array<{ event_id: string }> = await em.query(
        `WITH oldest AS (DELETE FROM inbound_event WHERE id = (SELECT min(id) FROM inbound_event) RETURNING *)
         INSERT INTO unroutable_event (id, event_id, event_type, subject, severity, event_time, metrics, traceparent, data, received_at, error)
         SELECT id, event_id, event_type, subject, severity, event_time, metrics, traceparent, data, received_at, $1 FROM oldest RETURNING event_id`,
        [error.slice(0, 2_000)],
      );
      return moved[0]?.event_id;
    });
  }

  /** Routes the next batch (of at most `limit` events); `more` when events may be left waiting. */
  async execute(limit = EVENT_BATCH): Promise<{ events: number; deliveries: number; more: boolean }> {
    const result = await this.dataSource.transaction(async (em) => {
      const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock(hashtext('notification.route-events')) AS locked`);
      if (!locked) return { events: 0, deliveries: 0, more: false, fired: [] as Fired[] };
      const rows: InboundEventRow[] = await em.query(
        `SELECT id, event_id, event_type, subject, severity, event_time, metrics, traceparent, data FROM inbound_event ORDER BY id LIMIT $1`, [limit]);
      if (rows.length === 0) return { events: 0, deliveries: 0, more: false, fired: [] as Fired[] };
      const events = rows.map(toNotificationEvent);
      const candidates: Candidate[] = await em.query(
        `SELECT id, rule, cooldown_seconds, digest_interval_seconds, event_types, subjects, severities FROM subscription
          WHERE enabled AND disabled_at IS NULL
            AND (cardinality(event_types) = 0 OR event_types && $1::text[])
            AND (cardinality(subjects) = 0 OR subjects && $2::text[])`,
        [[...new Set(events.map((e) => e.type))], [...new Set(events.map((e) => e.subject))]],
      );
      const { routed, fired } = await this.applyRules(em, events, candidates);
      const deliveries = await this.queue(em, fired);
      await em.query('DELETE FROM inbound_event WHERE id = ANY($1::bigint[])', [rows.slice(0, routed).map((r) => r.id)]);
      return { events: routed, deliveries, more: routed < rows.length || rows.length === limit, fired };
    });
    // Committed: Redis learns the cooldowns that started (PostgreSQL already holds them).
    const cooling = (result.fired ?? []).filter((f) => isCooldownOnly(f.subscription));
    await this.cache.rememberFired(cooling.map((f) => ({ subscriptionId: f.subscription.id, subject: f.event.subject, firedAtMs: f.event.time.getTime(), cooldownSeconds: f.subscription.cooldown_seconds })));
    return { events: result.events, deliveries: result.deliveries, more: result.more };
  }

  /**
   * Walks the events in order. Subscriptions without rule or cooldown fire at once; the others through
   * decide(), whose state (locked) carries from one event to the next within the batch. Stops before
   * an event that would take the batch past MAX_FAN_OUT deliveries; the rest wait for the next batch.
   */
  private async applyRules(em: EntityManager, events: NotificationEvent[], candidates: Candidate[]): Promise<{ routed: number; fired: Fired[] }> {
    const stateful = candidates.filter((s) => s.rule || s.cooldown_seconds > 0);
    const subjects = [...new Set(events.map((e) => e.subject))];
    const states = new Map<string, RuleState>();
    // Cooldown-only subscriptions: a fire Redis remembers keeps every event of this batch inside its
    // cooldown → suppressed without PostgreSQL's state. Redis only ever suppresses: a pair that may fire
    // is read from PostgreSQL, so a stale Redis value cannot let a delivery through early.
    const cooldownOnly = new Map(stateful.filter(isCooldownOnly).map((s) => [s.id, s]));
    const remembered = await this.cache.lastFired([...cooldownOnly.values()].flatMap((s) => subjects.map((subject) => ({ subscriptionId: s.id, subject }))));
    for (const [key, lastFiredAtMs] of remembered) {
      const [id, subject] = key.split('\u0000');
      const cooldownMs = (cooldownOnly.get(id)?.cooldown_seconds ?? 0) * 1_000;
      if (events.some((e) => e.subject === subject && e.time.getTime() - lastFiredAtMs >= cooldownMs)) remembered.delete(key);
      else states.set(key, { ...EMPTY_RULE_STATE, lastFiredAtMs });
    }
    const pairs = stateful.flatMap((s) => subjects.map((subject) => ({ id: s.id, subject }))).filter((p) => !remembered.has(stateKey(p.id, p.subject)));
    if (pairs.length > 0) {
      const rows: Array<{ subscription_id: string; subject: string; last_value: number | null; history: Array<[number, number]>; last_fired_at_ms: string | null }> = await em.query(
        `SELECT subscription_id, subject, last_value, history, last_fired_at_ms FROM subscription_state
          WHERE (subscription_id, subject) IN (SELECT * FROM unnest($1::uuid[], $2::text[])) FOR UPDATE`,
        [pairs.map((p) => p.id), pairs.map((p) => p.subject)],
      );
      for (const r of rows) {
        states.set(stateKey(r.subscription_id, r.subject), { lastValue: r.last_value, history: r.history, lastFiredAtMs: r.last_fired_at_ms === null ? null : Number(r.last_fired_at_ms) });
      }
    }
    const changed = new Map<string, { id: string; subject: string; state: RuleState }>();
    const fired: Fired[] = [];
    let routed = 0;
    for (const event of events) {
      const matching = candidates.filter((s) => matchesFilter({ eventTypes: s.event_types, subjects: s.subjects, severities: s.severities }, event));
      if (routed > 0 && fired.length + matching.length > MAX_FAN_OUT) break;
      for (const subscription of matching) {
        if (!subscription.rule && subscription.cooldown_seconds <= 0) {
          fired.push({ event, subscription });
          continue;
        }
        const key = stateKey(subscription.id, event.subject);
        const prior = states.get(key) ?? EMPTY_RULE_STATE;
        const decision = decide(subscription.rule, subscription.cooldown_seconds, prior, { metrics: event.metrics, timeMs: event.time.getTime() });
        states.set(key, decision.state);
        // An unchanged state is not written back (one taken from Redis must never overwrite PostgreSQL's).
        if (decision.state !== prior) changed.set(key, { id: subscription.id, subject: event.subject, state: decision.state });
        if (decision.fire) fired.push({ event, subscription, reason: subscription.rule ? decision.reason : undefined });
      }
      routed++;
    }
    if (changed.size > 0) {
      await em.query(
        `INSERT INTO subscription_state (subscription_id, subject, last_value, history, last_fired_at_ms)
         SELECT x.id, x.subject, x.last_value, x.history, x.last_fired_at_ms
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, subject text, last_value double precision, history jsonb, last_fired_at_ms bigint)
         ON CONFLICT (subscription_id, subject) DO UPDATE SET last_value = EXCLUDED.last_value, history = EXCLUDED.history, last_fired_at_ms = EXCLUDED.last_fired_at_ms`,
        [JSON.stringify([...changed.values()].map((c) => ({ id: c.id, subject: c.subject, last_value: c.state.lastValue, history: c.state.history, last_fired_at_ms: c.state.lastFiredAtMs })))],
      );
    }
    return { routed, fired };
  }

  private async queue(em: EntityManager, fired: Fired[]): Promise<number> {
    if (fired.length === 0) return 0;
    const bases = new Map<NotificationEvent, string>();
    const bodyOf = (f: Fired) => {
      let base = bases.get(f.event);
      if (base === undefined) bases.set(f.event, (base = deliveryBody(f.event)));
      // `trigger`: a CloudEvents extension attribute (lower-case letters only, as the spec requires).
      return f.reason ? `${base.slice(0, -1)},"trigger":${JSON.stringify(f.reason)}}` : base;
    };
    const digested = fired.filter((f) => f.subscription.digest_interval_seconds);
    const direct = fired.filter((f) => !f.subscription.digest_interval_seconds);
    if (digested.length > 0) {
      await em.query(
        `INSERT INTO digest_item (subscription_id, event_id, payload) SELECT x.id, x.event_id, x.payload
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, event_id text, payload jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(digested.map((f) => ({ id: f.subscription.id, event_id: f.event.id, payload: JSON.parse(bodyOf(f)) })))],
      );
    }
    if (direct.length > 0) {
      const limit = this.config.NOTIFICATION_MAX_PAYLOAD_BYTES;
      const rows = direct.map((f) => {
        const body = bodyOf(f);
        const tooLarge = Buffer.byteLength(body) > limit;
        return { f, body, status: tooLarge ? 'dead' : 'pending', error: tooLarge ? `payload exceeds ${limit} bytes` : null };
      });
      // Columns as arrays (unnest): one multi-row INSERT for the whole batch, cheaper to build and parse than JSON.
      await em.query(
        `INSERT INTO delivery (event_id, subscription_id, event_type, event_time, body, traceparent, status, last_error, dead_at)
         SELECT x.event_id, x.subscription_id, x.event_type, x.event_time, x.body, x.traceparent, x.status, x.error, CASE WHEN x.status = 'dead' THEN now() END
           FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS x(event_id, subscription_id, event_type, event_time, body, traceparent, status, error)
         ON CONFLICT (event_id, subscription_id) DO NOTHING`,
        [
          rows.map((r) => r.f.event.id), rows.map((r) => r.f.subscription.id), rows.map((r) => r.f.event.type), rows.map((r) => r.f.event.time),
          rows.map((r) => r.body), rows.map((r) => r.f.event.traceparent ?? null), rows.map((r) => r.status), rows.map((r) => r.error),
        ],
      );
      for (const row of rows) if (row.error) this.logger.warn({ eventId: row.f.event.id, subscriptionId: row.f.subscription.id }, row.error);
    }
    return fired.length;
  }
}

interface InboundEventRow {
  id: string;
  event_id: string;
  event_type: string;
  subject: string;
  severity: SeverityName | null;
  event_time: Date;
  metrics: Record<string, number>;
  traceparent: string | null;
  data: JsonValue;
}

function toNotificationEvent(row: InboundEventRow): NotificationEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    subject: row.subject,
    severity: row.severity ?? undefined,
    time: new Date(row.event_time),
    metrics: row.metrics,
    traceparent: row.traceparent ?? undefined,
    data: row.data,
  };
}

function stateKey(subscriptionId: string, subject: string): string {
  return `${subscriptionId}\u0000${subject}`;
}

/** A subscription whose only state is when it last fired: Redis can hold it. */
function isCooldownOnly(s: Pick<Candidate, 'rule' | 'cooldown_seconds'>): boolean {
  return !s.rule && s.cooldown_seconds > 0;
}
