import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { context } from '@opentelemetry/api';
import { contextFromHeaders } from '@hashdesk/messaging';
import type { Resolver, SsrfGuard } from '../../subscriptions/ssrf-guard';
import type { ClaimedDelivery, SendOutcome } from '../claimed-delivery';
import { parseRetryAfterMs } from '../retry-schedule';
import { CLOUDEVENTS_JSON_CONTENT_TYPE } from '../../events/cloud-event';
import { signWebhookWithAll } from '../webhook-signature';

export interface HttpSenderOptions {
  timeoutMs: number;
  /** Open connections to one endpoint (host and port) at most; further requests wait for one. */
  maxConnectionsPerEndpoint: number;
  /** Open connections across all endpoints at most. */
  maxConnections: number;
}

/**
 * Webhook (Standard Webhooks headers and signatures) and Slack incoming-webhook deliveries over HTTP.
 * Connections are kept alive and reused (node:http agents, a bounded pool per endpoint and overall):
 * a new TCP (and TLS) connection per delivery was most of a delivery's cost.
 */
export class HttpSender {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(private readonly ssrf: SsrfGuard, private readonly options: HttpSenderOptions, private readonly connectResolver?: Resolver) {
    const pool = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: options.maxConnectionsPerEndpoint, maxTotalSockets: options.maxConnections, maxFreeSockets: 64, scheduling: 'lifo' as const };
    this.http = new HttpAgent(pool);
    this.https = new HttpsAgent(pool);
  }

  async send(delivery: ClaimedDelivery): Promise<SendOutcome> {
    const url = delivery.url;
    if (!url) return { ok: false, error: 'subscription has no url', permanent: true };
    // Checked again at send time: the name may resolve elsewhere than when the subscription was saved.
    const refused = await this.ssrf.check(url);
    if (refused) return { ok: false, error: `url refused: ${refused}`, permanent: true };
    const { headers, body } = delivery.channel === 'slack' ? slackRequest(delivery) : webhookRequest(delivery);
    try {
      // In the event's trace: the HTTP client span (and the traceparent it sends) continue it.
      const trace = delivery.traceparent ? contextFromHeaders({ traceparent: delivery.traceparent }) : context.active();
      const response = await context.with(trace, () => this.post(url, headers, body));
      if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}`, retryAfterMs: parseRetryAfterMs(response.retryAfter) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  /** POSTs and reads the response to its end (so the connection can be reused); no redirects are followed. */
  private post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; retryAfter: string | null }> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      const request = (isHttps ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: isHttps ? this.https : this.http,
        // The address the socket connects to is checked too (a name may resolve elsewhere than at check
        // time); per origin, since whether the allowlist admits it depends on the port as well.
        lookup: this.ssrf.connectLookup(target.origin, this.connectResolver),
        headers: { ...headers, 'content-length': String(payload.length) },
      });
      // One deadline for the whole exchange: waiting for a connection, sending and reading the answer.
      const timer = setTimeout(() => request.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.once('response', (response: IncomingMessage) => {
        response.on('error', () => undefined);
        response.resume();
        response.once('end', () => {
          clearTimeout(timer);
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        });
      });
      request.end(payload);
    });
  }
}

function webhookRequest(delivery: ClaimedDelivery): { headers: Record<string, string>; body: string } {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    // The body is a structured-mode CloudEvent; the HTTP binding names it by this media type.
    'content-type': CLOUDEVENTS_JSON_CONTENT_TYPE,
    'user-agent': 'hashdesk-notification/1',
    'webhook-id': delivery.event_id,
    'webhook-timestamp': String(timestamp),
  };
  if (delivery.traceparent) headers.traceparent = delivery.traceparent;
  const secrets = [delivery.secret, rotatedOutSecretStillValid(delivery)].filter((s): s is string => !!s);
  if (secrets.length > 0) headers['webhook-signature'] = signWebhookWithAll(secrets, delivery.event_id, timestamp, delivery.body);
  return { headers, body: delivery.body };
}

function rotatedOutSecretStillValid(delivery: ClaimedDelivery): string | null {
  if (!delivery.previous_secret || !delivery.previous_secret_expires_at) return null;
  return new Date(delivery.previous_secret_expires_at).getTime() > Date.now() ? delivery.previous_secret : null;
}

/** Slack's incoming-webhook shape: a text fallback plus one section block. */
export function slackRequest(delivery: ClaimedDelivery): { headers: Record<string, string>; body: string } {
  const event = JSON.parse(delivery.body) as { type?: string; subject?: string; time?: string; data?: { message?: string; count?: number } };
  const what = event.data?.message ?? (event.data?.count !== undefined ? `${event.data.count} events` : event.type ?? 'event');
  const text = `hashdesk ${event.type ?? ''} · ${event.subject ?? ''}: ${what} (${event.time ?? ''})`;
  return {
    headers: { 'content-type': 'application/json', 'user-agent': 'hashdesk-notification/1' },
    body: JSON.stringify({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${event.type ?? 'event'}* · \`${event.subject ?? ''}\`\n${what}` } }] }),
  };
}
