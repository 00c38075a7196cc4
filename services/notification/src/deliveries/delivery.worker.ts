import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, LOGGER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { nextRetryDelayMs, parseRetryAfterMs } from './retry-schedule';
import { signWebhook } from './webhook-signature';

interface DueDelivery {
  id: string;
  event_id: string;
  endpoint_url: string;
  body: string;
  traceparent: string | null;
  attempts: number;
  created_at: Date;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Works off due deliveries (FOR UPDATE SKIP LOCKED, so several workers never send the same one):
 * POST, then mark delivered, or schedule the next attempt, or after the last one mark it dead.
 * The schedule lives in PostgreSQL, so a restart resumes it. At least once: the same webhook-id on every attempt.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  kick(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.deliverDue();
      } catch (error) {
        this.logger.error({ err: error }, 'delivery worker: batch failed');
      }
      if (worked === 0 && this.running) await this.sleep(250);
    }
  }

  private deliverDue(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due: DueDelivery[] = await em.query(
        `SELECT id, event_id, endpoint_url, body, traceparent, attempts, created_at FROM delivery
          WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 20 FOR UPDATE SKIP LOCKED`,
      );
      await Promise.all(due.map(async (delivery) => {
        const outcome = await this.post(delivery);
        const attempts = delivery.attempts + 1;
        if (outcome.ok) {
          await em.query(
            `UPDATE delivery SET status = 'delivered', attempts = $2, delivered_at = now(), last_status_code = $3, last_error = NULL,
               latency_ms = $4 WHERE id = $1`,
            [delivery.id, attempts, outcome.statusCode, Date.now() - new Date(delivery.created_at).getTime()],
          );
          return;
        }
        const dead = attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS;
        const delayMs = nextRetryDelayMs(attempts, outcome.retryAfterMs);
        await em.query(
          `UPDATE delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
             next_attempt_at = now() + ($6 || ' milliseconds')::interval WHERE id = $1`,
          [delivery.id, dead ? 'dead' : 'pending', attempts, outcome.statusCode ?? null, outcome.error, String(delayMs)],
        );
        this.logger.warn({ eventId: delivery.event_id, attempts, dead, delayMs, error: outcome.error }, 'webhook delivery failed');
      }));
      return due.length;
    });
  }

  private async post(delivery: DueDelivery): Promise<{ ok: boolean; statusCode?: number; error: string; retryAfterMs?: number }> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'hashdesk-notification/1',
      'webhook-id': delivery.event_id,
      'webhook-timestamp': String(timestamp),
    };
    if (delivery.traceparent) headers.traceparent = delivery.traceparent;
    if (this.config.NOTIFICATION_WEBHOOK_SECRET) {
      headers['webhook-signature'] = signWebhook(this.config.NOTIFICATION_WEBHOOK_SECRET, delivery.event_id, timestamp, delivery.body);
    }
    try {
      const response = await fetch(delivery.endpoint_url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, error: '' };
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}`, retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      return { ok: false, error: (error as Error).name === 'TimeoutError' ? `timed out after ${REQUEST_TIMEOUT_MS} ms` : (error as Error).message };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}
