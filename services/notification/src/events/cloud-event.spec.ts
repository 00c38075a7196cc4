import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCloudEvent } from '@hashdesk/testing';
import { SsrfGuard } from '../subscriptions/ssrf-guard';
import type { ClaimedDelivery } from '../deliveries/claimed-delivery';
import { HttpSender } from '../deliveries/channels/http.sender';
import { signWebhook } from '../deliveries/webhook-signature';
import { CLOUDEVENTS_JSON_CONTENT_TYPE } from './cloud-event';
import { deliveryBody, EVENT_TYPES, type NotificationEvent } from './notification-event';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const event: NotificationEvent = {
  id: 'evt-1', type: EVENT_TYPES.alertRaised, subject: 'RIOT', severity: 'warning', time: new Date('2026-02-01T00:00:00Z'),
  metrics: { risk_score: 0.8 }, traceparent: TRACEPARENT, data: { ruleId: 'r', value: 0.8 },
};
const structured = { 'content-type': CLOUDEVENTS_JSON_CONTENT_TYPE };

/** One delivery POSTed to a local receiver; what arrived. */
async function deliver(body: string, secret: string): Promise<{ headers: IncomingHttpHeaders; body: string }> {
  let arrived: { headers: IncomingHttpHeaders; body: string } | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      arrived = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const sender = new HttpSender(new SsrfGuard([new URL(url).origin], async () => ['127.0.0.1']), { timeoutMs: 2_000, maxConnectionsPerEndpoint: 1, maxConnections: 1 });
  try {
    const outcome = await sender.send({ url, channel: 'webhook', event_id: event.id, body, secret, traceparent: null } as unknown as ClaimedDelivery);
    expect(outcome.ok).toBe(true);
    if (!arrived) throw new Error('nothing arrived');
    return arrived;
  } finally {
    sender.close();
    server.close();
  }
}

describe('webhook body: a CloudEvents 1.0 event in structured mode', () => {
  it('given an accepted alert, when its body is built, then the cloudevents SDK reads every required attribute, the subject, the time and the data', () => {
    const parsed = parseCloudEvent({ headers: structured, body: deliveryBody(event) });
    expect(parsed).toMatchObject({
      specversion: '1.0', id: 'evt-1', source: 'hashdesk/notification', type: 'hashdesk.v1.AlertRaised', subject: 'RIOT',
      datacontenttype: 'application/json', traceparent: TRACEPARENT, data: { ruleId: 'r', value: 0.8 },
    });
    expect(parsed.time).toBe('2026-02-01T00:00:00.000Z');
  });

  it('given an event without trace context, when its body is built, then no empty traceparent attribute is written', () => {
    expect(JSON.parse(deliveryBody({ ...event, traceparent: undefined }))).not.toHaveProperty('traceparent');
  });

  it('given a body without specversion, when checked, then it is refused (the SDK alone would default it)', () => {
    const rest = JSON.parse(deliveryBody(event)) as Record<string, unknown>;
    delete rest.specversion;
    expect(() => parseCloudEvent({ headers: structured, body: JSON.stringify(rest) })).toThrow(/missing specversion/);
  });

  it('given a webhook delivery, when it arrives, then it carries the structured-mode content type, parses as a CloudEvent and its Standard Webhooks signature covers the body as sent', async () => {
    const secret = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
    const body = deliveryBody(event);
    const arrived = await deliver(body, secret);
    expect(arrived.headers['content-type']).toBe(CLOUDEVENTS_JSON_CONTENT_TYPE);
    expect(arrived.body).toBe(body);
    expect(parseCloudEvent(arrived).id).toBe(arrived.headers['webhook-id']);
    const timestamp = Number(arrived.headers['webhook-timestamp']);
    expect(String(arrived.headers['webhook-signature']).split(' ')).toContain(signWebhook(secret, event.id, timestamp, body));
  });
});
