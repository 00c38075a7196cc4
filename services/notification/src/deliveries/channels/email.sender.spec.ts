import type { ClaimedDelivery } from '../claimed-delivery';
import { EmailSender, emailMessage } from './email.sender';

const delivery = (body: object, email: string | null = 'ops@example.com'): ClaimedDelivery => ({
  id: '1', event_id: 'evt-1', event_type: 'hashdesk.v1.AlertRaised', event_time: null, body: JSON.stringify(body), traceparent: null, attempts: 0,
  created_at: new Date(), subscription_id: 'sub-1', subscriber_id: 'subscriber-1', channel: 'email', url: null, email, secret: null,
  previous_secret: null, previous_secret_expires_at: null, consecutive_failures: 0,
});

describe('email channel', () => {
  it('given an alert then the subject says what happened and the text carries the event id and its JSON', () => {
    const message = emailMessage(delivery({ id: 'evt-1', type: 'hashdesk.v1.AlertRaised', subject: 'MARA', time: '2026-01-01T00:00:00.000Z', data: { message: 'hashprice 37' } }));
    expect(message.subject).toBe('[hashdesk] MARA: hashprice 37');
    expect(message.text).toContain('Event id: evt-1');
    expect(message.text).toContain('"subject": "MARA"');
  });

  it('given the same delivery then every attempt has the same Message-ID', () => {
    const d = delivery({ id: 'evt-1', subject: 'MARA' });
    expect(emailMessage(d).messageId).toBe('<evt-1.sub-1@notification.hashdesk>');
    expect(emailMessage(d).messageId).toBe(emailMessage(d).messageId);
  });

  it('given a subject with line breaks then the subject line stays one line', () => {
    expect(emailMessage(delivery({ subject: 'A\r\nBcc: x@y', data: { message: 'm' } })).subject).toBe('[hashdesk] A Bcc: x@y: m');
  });

  it('given no SMTP server configured then sending fails permanently', async () => {
    const sender = new EmailSender({ from: 'a@b', timeoutMs: 1_000, maxConnections: 1 });
    await expect(sender.send(delivery({}))).resolves.toMatchObject({ ok: false, permanent: true });
  });
});
