import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertRaisedSchema, HashpriceComputedSchema, Severity, ThresholdDirection, Topics, type TopicEntry } from '@hashdesk/contracts';
import { createIdempotentProducer, encodeMessage, metaToHeaders, newEventId, type Producer } from '@hashdesk/messaging';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { ReceivedRequest } from '@hashdesk/testing';
import type { Stack } from './stack';

export const ADMIN_TOKEN = 'admin-token-for-notification-tests';

/** Publishes events straight onto the stack's topics, as valuation and risk would. */
export class EventPublisher {
  private producer?: Producer;
  constructor(private readonly stack: Stack) {}

  async publish<Desc extends DescMessage>(entry: TopicEntry<Desc>, message: MessageShape<Desc>, time = new Date(), id = newEventId()): Promise<string> {
    if (!this.producer) {
      this.producer = createIdempotentProducer(this.stack.kafka);
      await this.producer.connect();
    }
    const headers = metaToHeaders({ id, type: entry.schema.typeName, source: 'hashdesk/e2e', time });
    await this.producer.send({ topic: this.stack.namespace.topic(entry.name), acks: -1, messages: [{ key: entry.key(message), value: encodeMessage(entry, message), headers }] });
    return id;
  }

  /** An alert event; pass the id of an earlier one to deliver that event again. */
  alert(subject: string, value: number, severity = Severity.WARNING, time = new Date(), id = newEventId()): Promise<string> {
    return this.publish(Topics.alertRaised, create(AlertRaisedSchema, {
      alertId: id, ruleId: 'e2e.rule', severity, subject, metric: 'hashprice_usd_per_ph_day', value, threshold: 45,
      direction: ThresholdDirection.BELOW, message: `hashprice ${value}`, asOf: timestampFromDate(time),
    }), time, id);
  }

  hashprice(usdPerPhDay: number, time = new Date()): Promise<string> {
    return this.publish(Topics.hashpriceComputed, create(HashpriceComputedSchema, {
      metricId: newEventId(), asOf: timestampFromDate(time), hashpriceUsdPerPhDay: usdPerPhDay, btcPriceUsd: 90_000,
    }), time);
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** A small client of the notification API, authenticated as one subscriber. */
export class NotificationClient {
  constructor(readonly baseUrl: string, readonly apiKey?: string) {}

  static async register(baseUrl: string, name: string): Promise<NotificationClient & { subscriberId: string }> {
    const response = await fetch(`${baseUrl}/v1/subscribers`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-admin-token': ADMIN_TOKEN }, body: JSON.stringify({ name }),
    });
    const body = (await response.json()) as { id: string; apiKey: string };
    if (response.status !== 201) throw new Error(`register ${name}: ${response.status} ${JSON.stringify(body)}`);
    return Object.assign(new NotificationClient(baseUrl, body.apiKey), { subscriberId: body.id });
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

/** Standard Webhooks verification the receiver's way: recompute each v1 signature and compare. */
export function verifiesWith(secret: string, request: ReceivedRequest): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  const offered = String(request.headers['webhook-signature'] ?? '').split(' ').map((s) => s.replace(/^v1,/, ''));
  return offered.includes(expected) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The header block, folded lines joined. */
  headers: string;
  /** Decoded from quoted-printable when the message used it. */
  text: string;
}

/**
 * A real SMTP server on a free local port (smtp-server) that keeps what it accepts. rejectNext(n)
 * answers the next n messages with a temporary 451, as a busy mail server would.
 */
export class MailReceiver {
  readonly mails: ReceivedMail[] = [];
  rejected = 0;
  private toReject = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.toReject > 0) {
            this.toReject--;
            this.rejected++;
            return callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const split = raw.indexOf('\r\n\r\n');
          const headers = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, ''); // unfolded
          const body = raw.slice(split + 4);
          const quotedPrintable = /content-transfer-encoding:\s*quoted-printable/i.test(headers);
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            headers,
            text: quotedPrintable ? decodeQuotedPrintable(body) : body,
          });
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  rejectNext(count: number): void {
    this.toReject = count;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
