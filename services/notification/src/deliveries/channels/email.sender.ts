import { createTransport, type Transporter } from 'nodemailer';
import type { ClaimedDelivery, SendOutcome } from '../claimed-delivery';

export interface EmailSenderOptions {
  /** NOTIFICATION_SMTP_URL; without it every email delivery fails permanently (and subscriptions are refused). */
  smtpUrl?: string;
  from: string;
  timeoutMs: number;
  maxConnections: number;
}

/**
 * The "email" channel over SMTP (nodemailer, pooled connections). The Message-ID derives from the
 * delivery's webhook-id and subscription, the same on every attempt, so a mailbox or a mail filter
 * can drop a retry's duplicate the way a webhook receiver drops one by webhook-id. SMTP answers in
 * the 5xx range are permanent (retrying cannot help: dead-lettered at once, replayable); 4xx and
 * connection failures follow the retry schedule.
 */
export class EmailSender {
  private readonly transport?: Transporter;

  constructor(private readonly options: EmailSenderOptions) {
    if (options.smtpUrl) {
      this.transport = createTransport({
        url: options.smtpUrl,
        pool: true,
        maxConnections: options.maxConnections,
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
      } as Parameters<typeof createTransport>[0]);
    }
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  async send(delivery: ClaimedDelivery): Promise<SendOutcome> {
    if (!this.transport) return { ok: false, error: 'email is not configured (NOTIFICATION_SMTP_URL)', permanent: true };
    if (!delivery.email) return { ok: false, error: 'subscription has no email address', permanent: true };
    try {
      await this.transport.sendMail({ from: this.options.from, to: delivery.email, ...emailMessage(delivery) });
      return { ok: true };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      return { ok: false, statusCode: code, error: `SMTP: ${(error as Error).message}`.slice(0, 1_000), permanent: code !== undefined && code >= 500 };
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/** Subject line with what happened, a plain-text summary, and the delivered JSON as it is sent to webhooks. */
export function emailMessage(delivery: ClaimedDelivery): { subject: string; text: string; messageId: string; headers: Record<string, string> } {
  const event = JSON.parse(delivery.body) as { type?: string; subject?: string; time?: string; trigger?: string; data?: { message?: string; count?: number } };
  const what = event.data?.message ?? (event.data?.count !== undefined ? `${event.data.count} events` : event.type ?? 'event');
  const subject = `[hashdesk] ${event.subject ?? ''}: ${what}`.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const lines = [
    `${event.type ?? 'event'} for ${event.subject ?? ''} at ${event.time ?? ''}`,
    what,
    ...(event.trigger ? [`Rule: ${event.trigger}`] : []),
    '',
    `Event id: ${delivery.event_id}`,
    '',
    JSON.stringify(JSON.parse(delivery.body), null, 2),
  ];
  return {
    subject,
    text: lines.join('\n'),
    messageId: `<${delivery.event_id}.${delivery.subscription_id}@notification.hashdesk>`,
    headers: { 'X-Hashdesk-Event-Id': delivery.event_id, 'X-Hashdesk-Event-Type': event.type ?? '' },
  };
}
