import type { SsrfGuard } from '../../subscriptions/ssrf-guard';
import type { ClaimedDelivery, SendOutcome } from '../claimed-delivery';
import { parseRetryAfterMs } from '../retry-schedule';
import { signWebhookWithAll } from '../webhook-signature';

/** Webhook (Standard Webhooks headers and signatures) and Slack incoming-webhook deliveries over HTTP. */
export class HttpSender {
  constructor(private readonly ssrf: SsrfGuard, private readonly timeoutMs: number) {}

  async send(delivery: ClaimedDelivery): Promise<SendOutcome> {
    if (!delivery.url) return { ok: false, error: 'subscription has no url', permanent: true };
    // Checked again at send time: the name may resolve elsewhere than when the subscription was saved.
    const refused = await this.ssrf.check(delivery.url);
    if (refused) return { ok: false, error: `url refused: ${refused}`, permanent: true };
    const { headers, body } = delivery.channel === 'slack' ? slackRequest(delivery) : webhookRequest(delivery);
    try {
      const response = await fetch(delivery.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}`, retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      const name = (error as Error).name;
      return { ok: false, error: name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${this.timeoutMs} ms` : (error as Error).message };
    }
  }
}

function webhookRequest(delivery: ClaimedDelivery): { headers: Record<string, string>; body: string } {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
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
