import Redis from 'ioredis';
import { fromBinary } from '@bufbuild/protobuf';
import { NotificationDeliveredSchema } from '@hashdesk/contracts';
import { eventually, parseCloudEvent, WebhookReceiver } from '@hashdesk/testing';
import { ADMIN_TOKEN, EventPublisher, MailReceiver, NotificationClient, verifiesWith } from './notification-harness';
import { Stack } from './stack';

const TIMEOUT_MS = 1_000;
/** Receivers the tests use, started before the service: the allowlist admits each one's origin and no other port. */
const RECEIVERS = 16;

/**
 * The notification service as a process against the real broker, PostgreSQL and Redis, with real
 * local HTTP receivers. Events are published straight onto its input topics. Each test uses its own
 * ticker, so subscriptions of one test never match another's events.
 */
describe('notification: subscriptions, rules and reliable delivery', () => {
  const env: Record<string, string> = {
    NOTIFICATION_ADMIN_TOKEN: ADMIN_TOKEN,
    NOTIFICATION_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS),
    NOTIFICATION_RETRY_BASE_MS: '200',
    NOTIFICATION_MAX_ATTEMPTS: '4',
    NOTIFICATION_DISABLE_AFTER_FAILURES: '6',
  };
  const stack = new Stack('notif', env);
  const mail = new MailReceiver();
  const events = new EventPublisher(stack);
  const receivers: WebhookReceiver[] = [];
  let unused: WebhookReceiver[] = [];
  let alice: NotificationClient;
  let bob: NotificationClient;
  const url = () => stack.service('notification').url;
  const receiver = async () => {
    const r = unused.shift();
    if (!r) throw new Error(`more than ${RECEIVERS} receivers used: raise RECEIVERS`);
    return r;
  };

  beforeAll(async () => {
    await stack.prepare();
    env.NOTIFICATION_SMTP_URL = (await mail.start()).url; // read when the service starts
    receivers.push(...(await Promise.all(Array.from({ length: RECEIVERS }, () => new WebhookReceiver().start()))));
    unused = [...receivers];
    env.NOTIFICATION_URL_ALLOWLIST = receivers.map((r) => new URL(r.url()).origin).join(',');
    await stack.start('notification');
    alice = await NotificationClient.register(url(), 'alice');
    bob = await NotificationClient.register(url(), 'bob');
  });
  afterAll(async () => {
    await events.stop();
    await Promise.all(receivers.map((r) => r.stop()));
    await mail.stop();
    await stack.stopAll();
  });

  it('authenticates subscribers and validates subscriptions with 400s naming the field', async () => {
    const noAdmin = await fetch(`${url()}/v1/subscribers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect(noAdmin.status).toBe(403);
    expect((await new NotificationClient(url()).call('GET', '/v1/subscriptions')).status).toBe(401);
    expect((await new NotificationClient(url(), 'hd_wrong').call('GET', '/v1/subscriptions')).status).toBe(401);

    const noUrl = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook' });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.violations.map((v: { field: string }) => v.field)).toEqual(expect.arrayContaining(['url']));
    expect(noUrl.body.violations.every((v: { field: string }) => v.field === 'url')).toBe(true);
    const badRule = await alice.call('POST', '/v1/subscriptions', { channel: 'sse', rule: { kind: 'crossing', metric: 'x', direction: 'up' } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.violations).toEqual([expect.objectContaining({ field: 'rule.threshold' })]);
    const badDirection = await alice.call('POST', '/v1/subscriptions', { channel: 'sse', rule: { kind: 'threshold', metric: 'x', threshold: 1, direction: 'up' } });
    expect(badDirection.body.violations).toEqual([expect.objectContaining({ field: 'rule.direction' })]);
    const unknown = await alice.call('POST', '/v1/subscriptions', { channel: 'carrier-pigeon' });
    expect(unknown.body.violations).toEqual([expect.objectContaining({ field: 'channel', rule: 'isIn' })]);
    // rule: null and rule: [] are not rules (they were 500s); a PATCH cannot null a field the subscription must have.
    for (const rule of [null, []]) {
      const notARule = await alice.call('POST', '/v1/subscriptions', { channel: 'sse', rule });
      expect(notARule.status).toBe(400);
      expect(notARule.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rule', rule: 'isObject' })]));
      expect(notARule.body.violations.every((v: { field: string }) => v.field === 'rule')).toBe(true);
    }
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'sse' });
    expect(created.status).toBe(201);
    const nulled = await alice.call('PATCH', `/v1/subscriptions/${created.body.id}`, { cooldownSeconds: null, rule: null });
    expect(nulled.status).toBe(400);
    expect(nulled.body.violations.map((v: { field: string; rule: string }) => [v.field, v.rule])).toEqual(expect.arrayContaining([['cooldownSeconds', 'notNull'], ['rule', 'notNull']]));
    expect((await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`)).status).toBeLessThan(300);
  });

  it('refuses webhook URLs into private, loopback and link-local ranges that the allowlist does not permit', async () => {
    for (const target of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/hook', 'http://[::1]:8080/hook', 'http://127.0.0.2/hook']) {
      const refused = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: target });
      expect(refused.status).toBe(400);
      expect(refused.body.violations).toEqual([expect.objectContaining({ field: 'url', rule: 'URL_NOT_ALLOWED' })]);
    }
  });

  it('admits an allowlisted origin and no other port of its host (PostgreSQL, Redis, the service itself)', async () => {
    const r = await receiver();
    const allowed = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url('/origin'), tickers: ['ORG1'] });
    expect(allowed.status).toBe(201);
    await alice.call('DELETE', `/v1/subscriptions/${allowed.body.id}`);
    const ports = [5432, 6379, stack.service('notification').port];
    for (const target of [...ports.map((port) => `http://127.0.0.1:${port}/hook`), `https://127.0.0.1:${r.port}/hook`]) {
      const refused = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: target });
      expect({ target, status: refused.status }).toEqual({ target, status: 400 });
      expect(refused.body.violations).toEqual([expect.objectContaining({ field: 'url', rule: 'URL_NOT_ALLOWED' })]);
    }
  });

  it('never lets one subscriber read or change another\'s subscriptions and deliveries', async () => {
    const r = await receiver();
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['ISO1'] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    await events.alert('ISO1', 40);
    await r.waitFor(1);
    const mine = await eventually('alice\'s delivery in her log', () => alice.call('GET', '/v1/deliveries'), (res) => res.body.some((d: { status: string }) => d.status === 'delivered'));
    const deliveryId = mine.body[0].id;

    expect((await bob.call('GET', `/v1/subscriptions/${created.body.id}`)).status).toBe(404);
    expect((await bob.call('PATCH', `/v1/subscriptions/${created.body.id}`, { enabled: false })).status).toBe(404);
    expect((await bob.call('DELETE', `/v1/subscriptions/${created.body.id}`)).status).toBe(404);
    expect((await bob.call('POST', `/v1/subscriptions/${created.body.id}/secret/rotate`)).status).toBe(404);
    expect((await bob.call('GET', `/v1/deliveries/${deliveryId}`)).status).toBe(404);
    expect((await bob.call('POST', `/v1/dead-letters/${deliveryId}/replay`)).status).toBe(404);
    expect((await bob.call('GET', '/v1/subscriptions')).body).toEqual([]);
    expect((await bob.call('GET', '/v1/deliveries')).body).toEqual([]);
    // Nor is the secret ever shown again after creation.
    expect((await alice.call('GET', `/v1/subscriptions/${created.body.id}`)).body.secret).toBeUndefined();
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });

  it('a receiver that fails, times out, is rate limited, then recovers gets exactly one successful delivery per event, signed, same webhook-id', async () => {
    const r = await receiver();
    // Responses in arrival order; after the script every answer is 200.
    const script = [{ status: 500 }, { status: 200, delayMs: TIMEOUT_MS + 500 }, { status: 429, headers: { 'retry-after': '1' } }, { status: 503 }];
    r.respondWith(...script);
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['REL1'] });
    const secret: string = created.body.secret;
    const ids = [await events.alert('REL1', 40), await events.alert('REL1', 41), await events.alert('REL1', 42)];

    await eventually('three delivered', () => alice.call('GET', `/v1/deliveries?subscriptionId=${created.body.id}&status=delivered`), (res) => res.body.length === 3, 45_000);
    await stack.settled(); // any extra attempt would show now
    const succeeded = r.requests.filter((_req, i) => i >= script.length);
    expect(succeeded.map((req) => String(req.headers['webhook-id'])).sort()).toEqual([...ids].sort());
    expect(r.requests).toHaveLength(script.length + ids.length);
    for (const request of r.requests) {
      expect(verifiesWith(secret, request)).toBe(true);
      // Each body is a CloudEvents 1.0 event in structured mode, its id the webhook-id.
      expect(parseCloudEvent(request)).toMatchObject({ specversion: '1.0', id: request.headers['webhook-id'], type: 'hashdesk.v1.AlertRaised', subject: 'REL1' });
    }
    // 429 Retry-After: 1 s was honoured: the next request for that webhook-id came at least a second later.
    const limited = r.requests[2];
    const next = r.requests.slice(3).find((req) => req.headers['webhook-id'] === limited.headers['webhook-id'])!;
    expect(next.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(950);

    const log = (await alice.call('GET', `/v1/deliveries?subscriptionId=${created.body.id}`)).body as Array<{ attempts: number; latencyMs: number; status: string }>;
    expect(log.reduce((n, d) => n + d.attempts, 0)).toBe(script.length + ids.length);
    for (const d of log) expect(d.latencyMs).toBeGreaterThanOrEqual(0);
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });

  it('signs with both the new and the old secret during a rotation', async () => {
    const r = await receiver();
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['ROT1'] });
    const rotated = await alice.call('POST', `/v1/subscriptions/${created.body.id}/secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    await events.alert('ROT1', 40);
    const [request] = await r.waitFor(1);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiesWith(rotated.body.secret, request)).toBe(true);
    expect(verifiesWith(created.body.secret, request)).toBe(true);
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });

  it('a crossing rule fires exactly on the crossings, and a threshold rule with a cooldown stays quiet inside it', async () => {
    const r = await receiver();
    const crossing = await alice.call('POST', '/v1/subscriptions', {
      channel: 'webhook', url: r.url('/crossing'), tickers: ['RUL1'], rule: { kind: 'crossing', metric: 'hashprice_usd_per_ph_day', threshold: 50, direction: 'up' },
    });
    expect(crossing.status).toBe(201);
    const cooled = await alice.call('POST', '/v1/subscriptions', {
      channel: 'webhook', url: r.url('/cooled'), tickers: ['RUL1'], cooldownSeconds: 150,
      rule: { kind: 'threshold', metric: 'hashprice_usd_per_ph_day', threshold: 50, direction: 'above' },
    });
    const start = Date.parse('2026-01-01T00:00:00Z');
    const values = [40, 45, 55, 60, 45, 51, 52];
    for (const [i, v] of values.entries()) await events.alert('RUL1', v, undefined, new Date(start + i * 60_000));
    await eventually('the crossing deliveries', async () => r.requests.filter((q) => q.path === '/crossing').length, (n) => n >= 2, 30_000);
    await eventually('every event routed', () => stack.database.query<{ n: string }>(`SELECT count(*) AS n FROM notification.subscription_state WHERE subject = 'RUL1' AND last_value = 52`), (rows) => Number(rows[0].n) === 2);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    const valuesAt = (path: string) => r.requests.filter((q) => q.path === path).map((q) => JSON.parse(q.body).data.value).sort();
    expect(valuesAt('/crossing')).toEqual([51, 55]);
    // Above 50 at minutes 2, 3, 5, 6; the 150 s cooldown lets through minute 2 and minute 5.
    expect(valuesAt('/cooled')).toEqual([51, 55]);
    expect(parseCloudEvent(r.requests.find((q) => q.path === '/crossing')!).trigger).toMatch(/crossed up through 50/);
    await alice.call('DELETE', `/v1/subscriptions/${crossing.body.id}`);
    await alice.call('DELETE', `/v1/subscriptions/${cooled.body.id}`);
  });

  it('holds dedup marks and cooldowns in Redis; with its keys flushed mid-stream, PostgreSQL still delivers each event once and keeps the cooldown', async () => {
    const redis = new Redis(process.env.REDIS_URL as string);
    const prefix = `hashdesk:${new URL(stack.database.url).pathname.slice(1)}:${stack.namespace.prefix}notification:`;
    const keys = async (pattern: string) => redis.keys(`${prefix}${pattern}`);
    try {
      const r = await receiver();
      const sub = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url('/throttled'), tickers: ['RDS1'], cooldownSeconds: 3_600 });
      expect(sub.status).toBe(201);
      const t0 = Date.parse('2026-02-01T00:00:00Z');
      const delivered = () => r.requests.filter((q) => q.path === '/throttled').map((q) => JSON.parse(q.body).data.value);
      const routed = (n: number) => eventually(`${n} RDS1 events routed`, () => stack.database.query<{ n: string }>(
        `SELECT count(*) AS n FROM notification.processed_message p WHERE NOT EXISTS (SELECT 1 FROM notification.inbound_event i WHERE i.event_id = p.message_id)
           AND p.message_id = ANY($1::text[])`, [ids]), (rows) => Number(rows[0].n) === n);
      const ids: string[] = [];

      ids.push(await events.alert('RDS1', 40, undefined, new Date(t0)));
      await eventually('the first delivery', async () => delivered().length, (n) => n === 1);
      expect(await keys(`notification:seen:${ids[0]}`)).toHaveLength(1);
      const [cooldownKey] = await keys('notification:cooldown:*');
      expect(Number(await redis.get(cooldownKey))).toBe(t0);

      ids.push(await events.alert('RDS1', 41, undefined, new Date(t0 + 60_000))); // inside the hour: Redis suppresses it
      await routed(2);
      // Redis loses everything it held for the service.
      const held = await redis.keys(`${prefix}*`);
      expect(held.length).toBeGreaterThan(1);
      await redis.del(...held);
      ids.push(await events.alert('RDS1', 42, undefined, new Date(t0 + 120_000))); // still inside: PostgreSQL's state suppresses it
      await events.alert('RDS1', 40, undefined, new Date(t0), ids[0]); // the first event again: the inbox catches it
      ids.push(await events.alert('RDS1', 43, undefined, new Date(t0 + 2 * 3_600_000))); // past the cooldown
      await eventually('the delivery after the cooldown', async () => delivered().length, (n) => n >= 2);
      await routed(4);
      await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
      expect(delivered()).toEqual([40, 43]);
      expect(Number(await redis.get(cooldownKey))).toBe(t0 + 2 * 3_600_000); // Redis learns the new fire again
      await alice.call('DELETE', `/v1/subscriptions/${sub.body.id}`);
    } finally {
      redis.disconnect();
    }
  });

  it('sets an event that cannot be routed aside after backing off, routes the events behind it, and replays it once the cause is fixed', async () => {
    const r = await receiver();
    const sub = await alice.call('POST', '/v1/subscriptions', {
      channel: 'webhook', url: r.url('/poison'), tickers: ['PSN1'], rule: { kind: 'crossing', metric: 'hashprice_usd_per_ph_day', threshold: 50, direction: 'up' },
    });
    expect(sub.status).toBe(201);
    // An accepted event whose metrics are JSON null: the crossing rule cannot read it (a producer bug, say).
    await stack.database.query(
      `INSERT INTO notification.inbound_event (event_id, event_type, subject, event_time, metrics, data) VALUES ('poison-1', 'hashdesk.v1.AlertRaised', 'PSN1', now(), 'null', '{}')`);
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    await events.alert('PSN1', 40, undefined, new Date(t0));
    await events.alert('PSN1', 60, undefined, new Date(t0 + 60_000));
    await eventually('the crossing behind the poison', async () => r.requests.filter((q) => q.path === '/poison').length, (n) => n === 1, 60_000);
    expect(JSON.parse(r.requests[0].body).data.value).toBe(60);

    const headers = { 'content-type': 'application/json', 'x-admin-token': ADMIN_TOKEN };
    expect((await fetch(`${url()}/v1/admin/unroutable-events`)).status).toBe(403);
    const aside = (await (await fetch(`${url()}/v1/admin/unroutable-events`, { headers })).json()) as { items: Array<{ eventId: string; error: string }> };
    expect(aside.items).toEqual([expect.objectContaining({ eventId: 'poison-1', subject: 'PSN1', error: expect.stringMatching(/null/) })]);

    // The cause goes (the rule subscription is removed); the replay routes it, to nobody, and the list empties.
    await alice.call('DELETE', `/v1/subscriptions/${sub.body.id}`);
    const replay = (await (await fetch(`${url()}/v1/admin/unroutable-events/replay`, { method: 'POST', headers })).json()) as { replayed: number };
    expect(replay.replayed).toBe(1);
    await eventually('the replayed event routed', () => stack.database.query<{ n: string }>(`SELECT count(*) AS n FROM notification.inbound_event WHERE event_id = 'poison-1'`), (rows) => Number(rows[0].n) === 0);
    const after = (await (await fetch(`${url()}/v1/admin/unroutable-events`, { headers })).json()) as { items: unknown[] };
    expect(after.items).toEqual([]);
  }, 90_000);

  it('a digest batches everything in its interval into one delivery', async () => {
    const r = await receiver();
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['DIG1'], digestIntervalSeconds: 3 });
    const ids = [await events.alert('DIG1', 1), await events.alert('DIG1', 2), await events.alert('DIG1', 3)];
    const [digest] = await r.waitFor(1, 20_000);
    const body = parseCloudEvent(digest) as unknown as { type: string; data: { count: number; events: Array<{ id: string; specversion: string }> } };
    expect(body.type).toBe('hashdesk.notification.Digest');
    expect(body.data.count).toBe(3);
    expect(body.data.events.map((e: { id: string }) => e.id)).toEqual(ids);
    expect(body.data.events.map((e) => e.specversion)).toEqual(['1.0', '1.0', '1.0']); // each collected event is a CloudEvent too
    expect(verifiesWith(created.body.secret, digest)).toBe(true);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(r.requests).toHaveLength(1);
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });

  it('dead-letters exhausted deliveries, replays them with the same webhook-id, and disables an endpoint that keeps failing', async () => {
    const r = await receiver();
    r.respondWith(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const watcher = await receiver();
    const notices = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: watcher.url(), eventTypes: ['hashdesk.notification.EndpointDisabled'] });
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['DLQ1'] });
    const id = await events.alert('DLQ1', 40);
    const dead = await eventually('a dead letter', () => alice.call('GET', '/v1/dead-letters'), (res) => res.body.length === 1, 20_000);
    expect(dead.body[0]).toMatchObject({ webhookId: id, attempts: 4, status: 'dead', lastStatusCode: 500 });
    expect((await alice.call('GET', `/v1/subscriptions/${created.body.id}`)).body.consecutiveFailures).toBe(4);

    const replayed = await alice.call('POST', `/v1/dead-letters/${dead.body[0].id}/replay`);
    expect(replayed.status).toBe(200);
    await r.waitFor(5);
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual(Array(5).fill(id));
    await eventually('replayed delivery delivered', () => alice.call('GET', `/v1/deliveries/${dead.body[0].id}`), (res) => res.body.status === 'delivered');
    expect((await alice.call('GET', '/v1/dead-letters')).body).toEqual([]);

    // Now it fails for good: after 6 consecutive failures the endpoint is disabled and alice is told.
    r.respondWith(...Array.from({ length: 50 }, () => ({ status: 500 })));
    await events.alert('DLQ1', 41);
    await events.alert('DLQ1', 42);
    const disabled = await eventually('endpoint disabled', () => alice.call('GET', `/v1/subscriptions/${created.body.id}`), (res) => res.body.disabledAt !== null, 30_000);
    expect(disabled.body.disabledReason).toMatch(/6 consecutive failed attempts/);
    const [notice] = await watcher.waitFor(1);
    expect(parseCloudEvent(notice)).toMatchObject({ specversion: '1.0', type: 'hashdesk.notification.EndpointDisabled', data: { subscriptionId: created.body.id } });
    const before = r.requests.length;
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(r.requests.length).toBe(before); // nothing more is sent to a disabled endpoint

    // Re-enabling resumes the pending deliveries; replay-all sends the dead ones again.
    r.respondWith(); // script drained below
    r.requests.length = 0;
    (r as unknown as { script: unknown[] }).script.length = 0;
    expect((await alice.call('PATCH', `/v1/subscriptions/${created.body.id}`, { enabled: true })).body.disabledAt).toBeNull();
    await alice.call('POST', '/v1/dead-letters/replay', {});
    await eventually('all delivered', () => alice.call('GET', `/v1/deliveries?subscriptionId=${created.body.id}`), (res) => res.body.every((d: { status: string }) => d.status === 'delivered'), 20_000);
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
    await alice.call('DELETE', `/v1/subscriptions/${notices.body.id}`);
  });

  it('delivers to Slack-compatible webhooks, a per-subscriber Kafka topic and a server-sent-events stream', async () => {
    const slack = await receiver();
    const slackSub = await alice.call('POST', '/v1/subscriptions', { channel: 'slack', url: slack.url('/services/T000/B000/XXX'), tickers: ['CH1'] });
    const sseSub = await alice.call('POST', '/v1/subscriptions', { channel: 'sse', tickers: ['CH1'] });
    const kafkaSub = await alice.call('POST', '/v1/subscriptions', { channel: 'kafka', tickers: ['CH1'] });
    expect(kafkaSub.body.kafkaTopic).toBe(`${stack.namespace.prefix}notification.subscriber-${(alice as any).subscriberId}.delivered.v1`);
    const probe = await stack.probe({ name: kafkaSub.body.kafkaTopic.slice(stack.namespace.prefix.length) } as never);

    const controller = new AbortController();
    const stream = await fetch(`${url()}/v1/stream`, { headers: { authorization: `Bearer ${alice.apiKey}` }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    let text = '';
    const id = await events.alert('CH1', 33, undefined);
    const deadline = Date.now() + 20_000;
    while (!text.includes(id) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/event: hashdesk\.v1\.AlertRaised\ndata: \{.*"subject":"CH1"/);

    const [slackRequest] = await slack.waitFor(1);
    const slackBody = JSON.parse(slackRequest.body);
    expect(slackBody.text).toContain('CH1');
    expect(slackBody.blocks[0].type).toBe('section');

    await eventually('the kafka delivery', async () => probe.raw.length, (n) => n >= 1, 20_000);
    const delivered = fromBinary(NotificationDeliveredSchema, probe.raw[0].value!);
    expect(delivered).toMatchObject({ webhookId: id, subscriptionId: kafkaSub.body.id, eventType: 'hashdesk.v1.AlertRaised', subject: 'CH1' });
    expect(JSON.parse(delivered.bodyJson).id).toBe(id);
    expect(probe.raw[0].key).toBe('CH1');
    for (const s of [slackSub, sseSub, kafkaSub]) await alice.call('DELETE', `/v1/subscriptions/${s.body.id}`);
  });

  it('keeps the retry schedule across a crash: a service killed mid-schedule still delivers, once', async () => {
    const r = await receiver();
    r.respondWith({ status: 429, headers: { 'retry-after': '4' } });
    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'webhook', url: r.url(), tickers: ['RST1'] });
    const id = await events.alert('RST1', 40);
    await r.waitFor(1);
    expect(await stack.service('notification').kill()).toBeNull();
    await stack.start('notification');
    await r.waitFor(2, 30_000);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([id, id]);
    expect(r.requests[1].receivedAt - r.requests[0].receivedAt).toBeGreaterThanOrEqual(3_900);
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });

  it('emails a subscription\'s address over SMTP, once per event with its content, retrying a temporary refusal', async () => {
    const missing = await alice.call('POST', '/v1/subscriptions', { channel: 'email', tickers: ['EM1'] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('email');

    const created = await alice.call('POST', '/v1/subscriptions', { channel: 'email', email: 'ops@example.com', tickers: ['EM1'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: 'email', email: 'ops@example.com' });
    mail.rejectNext(1); // the first attempt meets a 451: the retry schedule takes over
    const id = await events.alert('EM1', 37);

    await eventually('the mail', async () => mail.mails.filter((m) => m.to.includes('ops@example.com')).length, (n) => n >= 1, 30_000);
    await stack.settled(); // a duplicate would show now
    const received = mail.mails.filter((m) => m.to.includes('ops@example.com'));
    expect(received).toHaveLength(1);
    expect(mail.rejected).toBe(1);
    const [message] = received;
    expect(message.headers).toMatch(/^Subject: \[hashdesk\] EM1: hashprice 37$/m);
    expect(message.headers).toContain(`Message-ID: <${id}.${created.body.id}@notification.hashdesk>`);
    expect(message.text).toContain(`Event id: ${id}`);
    expect(message.text).toContain('"subject": "EM1"');
    expect(message.text).toContain('"value": 37');

    const [delivery] = (await alice.call('GET', `/v1/deliveries?subscriptionId=${created.body.id}`)).body as Array<{ webhookId: string; status: string; attempts: number }>;
    expect(delivery).toMatchObject({ webhookId: id, status: 'delivered', attempts: 2 });
    await alice.call('DELETE', `/v1/subscriptions/${created.body.id}`);
  });
});
