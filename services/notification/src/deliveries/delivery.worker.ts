import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { create } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { NotificationDeliveredSchema } from '@hashdesk/contracts';
import type { OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER, OUTBOX_WRITER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { cloudEventJson } from '../events/cloud-event';
import { EVENT_TYPES } from '../events/notification-event';
import { SsrfGuard } from '../subscriptions/ssrf-guard';
import { SubscriberTopics } from '../subscriptions/subscriber-topics.service';
import { assertUnreachable } from '@hashdesk/economics';
import { StreamHub } from '../stream/stream-hub';
import type { ClaimedDelivery, SendOutcome } from './claimed-delivery';
import { EmailSender } from './channels/email.sender';
import { HttpSender } from './channels/http.sender';
import { DigestFlusher } from './digest.flusher';
import { RedisCache } from './redis-cache';
import { nextRetryDelayMs } from './retry-schedule';
import { recordDeliveryAttempt } from './delivery-metrics';
import { SECRET_CIPHER, type SecretCipher } from '../secrets/secret-cipher';
import { withOpenedSecrets } from './signing-secrets';

/** Deliveries leased per query. */
const CLAIM_BATCH = 500;

/**
 * Works off due deliveries. A delivery is claimed by pushing its next_attempt_at past the request
 * timeout (a lease, taken with FOR UPDATE SKIP LOCKED so two workers never take the same one), sent
 * outside any transaction, then recorded: delivered, or rescheduled on the retry schedule, or after
 * the last attempt dead-lettered. A crash mid-send leaves the lease to expire and the delivery is
 * sent again with the same webhook-id: at least once. The schedule lives in PostgreSQL.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Sends under way: what NOTIFICATION_MAX_IN_FLIGHT bounds. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Outcomes being written; a send's slot is free as soon as its answer is in. */
  private readonly recording = new Set<Promise<void>>();
  private readonly http: HttpSender;
  private readonly email: EmailSender;
  private lastDigestFlush = 0;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    private readonly cache: RedisCache,
    private readonly topics: SubscriberTopics,
    private readonly hub: StreamHub,
    private readonly digests: DigestFlusher,
    ssrf: SsrfGuard,
    @Inject(SECRET_CIPHER) private readonly cipher: SecretCipher,
  ) {
    this.http = new HttpSender(ssrf, {
      timeoutMs: config.NOTIFICATION_REQUEST_TIMEOUT_MS,
      maxConnectionsPerEndpoint: config.NOTIFICATION_MAX_CONNECTIONS_PER_ENDPOINT,
      maxConnections: config.NOTIFICATION_MAX_IN_FLIGHT,
    });
    this.email = new EmailSender({
      smtpUrl: config.NOTIFICATION_SMTP_URL,
      from: config.NOTIFICATION_EMAIL_FROM,
      timeoutMs: config.NOTIFICATION_REQUEST_TIMEOUT_MS,
      maxConnections: Math.min(config.NOTIFICATION_MAX_CONNECTIONS_PER_ENDPOINT, 10),
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.http.close();
    this.email.close();
  }

  kick(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    // Lease only when a fair share of the in-flight budget is free: leasing one row per finished
    // delivery would cost a query per delivery.
    const minClaim = Math.max(1, Math.min(CLAIM_BATCH, Math.floor(this.config.NOTIFICATION_MAX_IN_FLIGHT / 4)));
    while (this.running) {
      let claimed: ClaimedDelivery[] = [];
      let limit = 0;
      try {
        if (Date.now() - this.lastDigestFlush >= 500) {
          this.lastDigestFlush = Date.now();
          if ((await this.digests.flushDue()) > 0) continue;
        }
        const free = this.config.NOTIFICATION_MAX_IN_FLIGHT - this.inFlight.size;
        if (free >= minClaim || (free > 0 && this.inFlight.size === 0)) {
          limit = Math.min(free, CLAIM_BATCH);
          claimed = await this.claim(limit);
          await this.dispatch(claimed);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'delivery worker: claim failed');
      }
      // A full batch means more are probably due: lease again at once. Otherwise wait to be kicked
      // (new deliveries queued, or in-flight ones finished) or for the next poll.
      if ((limit === 0 || claimed.length < limit) && this.running) await this.sleep(250);
    }
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.recording]);
  }

  /**
   * Starts sending a leased batch. The per-endpoint rate limit is asked once for the whole batch (one
   * Redis round trip); deliveries over it are moved to the next second without counting an attempt.
   */
  private async dispatch(claimed: ClaimedDelivery[]): Promise<void> {
    const wanted = new Map<string, number>();
    for (const delivery of claimed) if (isHttp(delivery)) wanted.set(delivery.subscription_id, (wanted.get(delivery.subscription_id) ?? 0) + 1);
    const admitted = wanted.size > 0 ? await this.cache.admit(wanted, this.config.NOTIFICATION_ENDPOINT_RATE_PER_SECOND) : wanted;
    const deferred: string[] = [];
    for (const delivery of claimed) {
      if (isHttp(delivery)) {
        const left = admitted.get(delivery.subscription_id) ?? 0;
        if (left <= 0) {
          deferred.push(delivery.id);
          continue;
        }
        admitted.set(delivery.subscription_id, left - 1);
      }
      const started = Date.now();
      const task: Promise<void> = this.send(delivery)
        .then((outcome) => {
          const recorded: Promise<void> = this.record(delivery, outcome, Date.now() - started)
            .catch((error) => this.logger.error({ err: error, deliveryId: delivery.id }, 'delivery worker: recording the outcome failed; the lease will expire and it is retried'))
            .finally(() => this.recording.delete(recorded));
          this.recording.add(recorded);
        })
        .catch((error) => this.logger.error({ err: error, deliveryId: delivery.id }, 'delivery worker: sending failed unexpectedly; the lease will expire and it is retried'))
        .finally(() => {
          this.inFlight.delete(task);
          this.wake?.();
        });
      this.inFlight.add(task);
    }
    if (deferred.length > 0) {
      await this.dataSource.query(
        `UPDATE delivery SET next_attempt_at = date_trunc('second', now()) + interval '1 second' WHERE id = ANY($1::bigint[]) AND status = 'pending'`, [deferred]);
    }
  }

  /**
   * Leases due deliveries in next_attempt_at order. The plan is pinned to the delivery_due index
   * (enable_sort off): without statistics, as on a fresh or fast-growing table, PostgreSQL otherwise
   * sorted every due row for each lease, and leasing cost grew with the backlog (180 ms per 100 rows
   * at 8,000 due in the benchmark; 20 ms per 500 rows with the index).
   */
  private claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseMs = this.config.NOTIFICATION_REQUEST_TIMEOUT_MS + 5_000;
    return this.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_sort = off');
      const [rows] = await em.query(
        `WITH due AS (
           SELECT d2.id FROM delivery d2
            WHERE d2.status = 'pending' AND d2.next_attempt_at <= now()
              AND (SELECT s2.enabled AND s2.disabled_at IS NULL FROM subscription s2 WHERE s2.id = d2.subscription_id)
            ORDER BY d2.next_attempt_at LIMIT $1 FOR UPDATE OF d2 SKIP LOCKED)
         UPDATE delivery d SET next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
           FROM due, subscription s
          WHERE d.id = due.id AND s.id = d.subscription_id
         RETURNING d.id, d.event_id, d.event_type, d.event_time, d.body, d.traceparent, d.attempts, d.created_at, d.subscription_id,
                   s.subscriber_id, s.channel, s.url, s.email, s.secret, s.previous_secret, s.previous_secret_expires_at, s.consecutive_failures`,
        [limit, leaseMs],
      );
      return rows as ClaimedDelivery[]; // UPDATE … RETURNING answers [rows, count]
    });
  }

  private async send(delivery: ClaimedDelivery): Promise<SendOutcome> {
    switch (delivery.channel) {
      case 'webhook':
      case 'slack':
        return this.sendOverHttp(delivery);
      case 'email':
        return this.email.send(delivery);
      case 'kafka':
        return this.sendToKafka(delivery);
      case 'sse':
        this.hub.publish(delivery.subscriber_id, { id: delivery.id, event: delivery.event_type ?? 'message', data: delivery.body });
        return { ok: true };
      default:
        return assertUnreachable(delivery.channel);
    }
  }

  /** Signed with the secrets opened just now; one that cannot be opened fails the attempt (retried: a key may be restored). */
  private async sendOverHttp(delivery: ClaimedDelivery): Promise<SendOutcome> {
    let opened: ClaimedDelivery;
    try {
      opened = await withOpenedSecrets(delivery, this.cipher);
    } catch (error) {
      return { ok: false, error: `signing secret cannot be decrypted: ${(error as Error).message}` };
    }
    return this.http.send(opened);
  }

  /** Through the outbox, in the same transaction that marks the delivery delivered. */
  private async sendToKafka(delivery: ClaimedDelivery): Promise<SendOutcome> {
    const subject = (JSON.parse(delivery.body) as { subject?: string }).subject ?? '';
    await this.dataSource.transaction(async (em) => {
      await this.outbox.add(em, {
        entry: this.topics.entryOf(delivery.subscriber_id),
        message: create(NotificationDeliveredSchema, {
          webhookId: delivery.event_id,
          subscriptionId: delivery.subscription_id,
          eventType: delivery.event_type ?? '',
          subject,
          eventTime: timestampFromDate(delivery.event_time ? new Date(delivery.event_time) : new Date(delivery.created_at)),
          bodyJson: delivery.body,
        }),
        eventTime: delivery.event_time ? new Date(delivery.event_time) : new Date(delivery.created_at),
        eventId: `${delivery.event_id}/${delivery.subscription_id}`,
        traceparent: delivery.traceparent ?? undefined,
      });
      await em.query(
        `UPDATE delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL, last_attempt_at = now(),
           latency_ms = (extract(epoch FROM now() - created_at) * 1000)::int, last_duration_ms = 0 WHERE id = $1`,
        [delivery.id],
      );
    });
    return { ok: true, recorded: true };
  }

  /**
   * Successes are recorded in batches (one UPDATE for many rows), which is what lets one worker keep
   * up with thousands of deliveries a second. A crash before the batch is written only means those
   * deliveries are sent again when their lease expires, with the same webhook-id: still at least once.
   */
  private delivered: Array<{ id: string; status_code: number | null; duration_ms: number }> = [];
  private flushing?: Promise<void>;

  private async recordDelivered(id: string, statusCode: number | null, durationMs: number): Promise<void> {
    this.delivered.push({ id, status_code: statusCode, duration_ms: durationMs });
    while (this.flushing) await this.flushing;
    if (this.delivered.length === 0) return;
    const batch = this.delivered;
    this.delivered = [];
    this.flushing = this.dataSource
      .query(
        `UPDATE delivery d SET status = 'delivered', attempts = d.attempts + 1, delivered_at = now(), last_status_code = x.status_code, last_error = NULL,
           latency_ms = (extract(epoch FROM now() - d.created_at) * 1000)::int, last_attempt_at = now(), last_duration_ms = x.duration_ms
          FROM unnest($1::bigint[], $2::int[], $3::int[]) AS x(id, status_code, duration_ms) WHERE d.id = x.id AND d.status = 'pending'`,
        [batch.map((b) => b.id), batch.map((b) => b.status_code), batch.map((b) => b.duration_ms)],
      )
      .then(() => undefined)
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async record(delivery: ClaimedDelivery, outcome: SendOutcome, durationMs: number): Promise<void> {
    if (outcome.ok) {
      recordDeliveryAttempt(delivery.channel, 'delivered', durationMs);
      if (!outcome.recorded) await this.recordDelivered(delivery.id, outcome.statusCode ?? null, durationMs);
      if (delivery.consecutive_failures > 0) {
        await this.dataSource.query('UPDATE subscription SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0', [delivery.subscription_id]);
      }
      return;
    }
    const attempts = delivery.attempts + 1;
    const dead = outcome.permanent === true || attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS;
    const delayMs = nextRetryDelayMs(attempts, outcome.retryAfterMs, Math.random, this.config.NOTIFICATION_RETRY_BASE_MS);
    recordDeliveryAttempt(delivery.channel, dead ? 'dead' : 'retry', durationMs);
    await this.dataSource.query(
      `UPDATE delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5, last_attempt_at = now(), last_duration_ms = $7,
         dead_at = CASE WHEN $2 = 'dead' THEN now() END, next_attempt_at = now() + make_interval(secs => $6 / 1000.0) WHERE id = $1`,
      [delivery.id, dead ? 'dead' : 'pending', attempts, outcome.statusCode ?? null, outcome.error.slice(0, 1_000), delayMs, durationMs],
    );
    this.logger.warn({ deliveryId: delivery.id, webhookId: delivery.event_id, subscriptionId: delivery.subscription_id, attempts, dead, delayMs, error: outcome.error }, 'delivery failed');
    await this.countFailure(delivery, outcome.error);
  }

  /** After NOTIFICATION_DISABLE_AFTER_FAILURES failures in a row the endpoint is disabled and its owner told. */
  private async countFailure(delivery: ClaimedDelivery, error: string): Promise<void> {
    const [rows] = await this.dataSource.query(
      'UPDATE subscription SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures', [delivery.subscription_id]);
    if (Number(rows[0]?.consecutive_failures ?? 0) < this.config.NOTIFICATION_DISABLE_AFTER_FAILURES) return;
    const reason = `${this.config.NOTIFICATION_DISABLE_AFTER_FAILURES} consecutive failed attempts; last: ${error}`.slice(0, 1_000);
    const [disabled] = await this.dataSource.query(
      `UPDATE subscription SET disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id, subscriber_id, url`,
      [delivery.subscription_id, reason],
    );
    if (disabled.length === 0) return;
    this.logger.warn({ subscriptionId: delivery.subscription_id }, 'endpoint disabled after consecutive failures');
    // The owner is told on every other channel it has (its own other subscriptions), and sees it in GET /v1/subscriptions.
    const noticeId = `endpoint-disabled-${delivery.subscription_id}-${Date.now()}`;
    const body = cloudEventJson({
      id: noticeId, type: EVENT_TYPES.endpointDisabled, subject: 'subscription', time: new Date(),
      data: { subscriptionId: delivery.subscription_id, url: disabled[0].url, reason },
    });
    await this.dataSource.query(
      `INSERT INTO delivery (event_id, subscription_id, event_type, event_time, body, status)
       SELECT $1, id, $2, now(), $3, 'pending' FROM subscription
        WHERE subscriber_id = $4 AND id <> $5 AND enabled AND disabled_at IS NULL ON CONFLICT DO NOTHING`,
      [noticeId, EVENT_TYPES.endpointDisabled, body, disabled[0].subscriber_id, delivery.subscription_id],
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}

function isHttp(delivery: ClaimedDelivery): boolean {
  return delivery.channel === 'webhook' || delivery.channel === 'slack';
}
