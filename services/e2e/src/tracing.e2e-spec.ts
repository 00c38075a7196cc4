import { OtlpReceiver, OtlpSpanKind, eventually, type ReceivedSpan } from '@hashdesk/testing';
import { Stack } from './stack';

/**
 * The four services export their spans to an in-process OTLP/HTTP receiver, configured the way an
 * operator points them at a collector (OTEL_EXPORTER_OTLP_ENDPOINT). One BTC price pushed to ingest
 * must give one trace: ingest's request → `create` → valuation's `process` → `create` → risk's
 * `process` → `create` → notification's `process` and the webhook POST, whose traceparent names the
 * POST's own client span.
 */
describe('telemetry over OTLP: one price, one trace from ingest to the webhook; metrics from every service', () => {
  const otlp = new OtlpReceiver();
  let stack: Stack;
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const callerSpanId = 'b7ad6b7169203331';

  beforeAll(async () => {
    await otlp.start();
    stack = new Stack('tracing', { RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY: '45', OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url(), OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_METRIC_EXPORT_INTERVAL: '1000' });
    await stack.prepare();
    await stack.start('ingest', 'valuation', 'risk', 'notification');
  });
  afterAll(async () => {
    await stack?.stopAll();
    await otlp.stop();
  });

  it('follows the price through every hop with messaging spans, parents and links', async () => {
    const network = await stack.post('/v1/observations/network-snapshot', {
      height: 930_000, difficulty: 148_258_433_855_481.3, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T00:00:00Z',
    });
    expect(network.status).toBe(202);
    await stack.settled(); // the snapshot's own trace is done before the price starts ours
    const price = await stack.post('/v1/observations/btc-price', { priceUsd: 87_133.51, observedAt: '2025-12-29T00:00:01Z' }, { traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(price.status).toBe(202);
    const [delivery] = await stack.receiver.waitFor(1);
    expect(JSON.parse(delivery.body).type).toBe('hashdesk.v1.AlertRaised');

    const topic = (name: string) => stack.namespace.topic(name);
    const find = (spans: ReceivedSpan[], service: string, kind: number, name: string) => must(spans.find((s) => s.service === service && s.kind === kind && s.name === name), `${service} ${name}`);
    const isWebhookPost = (s: ReceivedSpan) => s.service === 'notification' && s.kind === OtlpSpanKind.CLIENT && s.attributes['http.request.method'] === 'POST';
    // Everything up to the webhook POST's client span, exported by the four services.
    const spans = await eventually('the trace of the price', async () => otlp.trace(traceId),
      (s) => s.some((x) => x.service === 'notification' && x.name === 'process risk.alert.raised.v1') && s.some(isWebhookPost), 30_000);

    // ingest: the request (a child of the caller's span), then the event's creation.
    const request = must(spans.find((s) => s.service === 'ingest' && s.kind === OtlpSpanKind.SERVER), 'ingest request');
    expect(request).toMatchObject({ parentSpanId: callerSpanId });
    expect(String(request.attributes['url.path'] ?? request.attributes['http.target'])).toContain('/v1/observations/btc-price');
    const priceCreated = find(spans, 'ingest', OtlpSpanKind.PRODUCER, 'create ingest.price.observed.v1');
    expect(priceCreated).toMatchObject({
      parentSpanId: request.spanId,
      attributes: expect.objectContaining({
        'messaging.system': 'kafka', 'messaging.operation.type': 'create', 'messaging.destination.name': topic('ingest.price.observed.v1'),
        'messaging.message.id': price.body.observationId, 'messaging.kafka.message.key': 'BTC-USD',
      }),
    });

    // valuation: processes the price as a child of its creation, creates the hashprice.
    const priceProcessed = find(spans, 'valuation', OtlpSpanKind.CONSUMER, 'process ingest.price.observed.v1');
    expect(priceProcessed).toMatchObject({
      parentSpanId: priceCreated.spanId,
      attributes: expect.objectContaining({
        'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': topic('ingest.price.observed.v1'),
        'messaging.consumer.group.name': stack.namespace.group('valuation'), 'messaging.message.id': price.body.observationId,
        'messaging.kafka.message.key': 'BTC-USD', 'messaging.destination.partition.id': expect.stringMatching(/^[0-2]$/), 'messaging.kafka.offset': expect.any(Number),
      }),
    });
    const hashpriceCreated = find(spans, 'valuation', OtlpSpanKind.PRODUCER, 'create valuation.hashprice.computed.v1');
    expect(hashpriceCreated).toMatchObject({ parentSpanId: priceProcessed.spanId });

    // risk: processes the hashprice, raises the alert.
    const hashpriceInRisk = find(spans, 'risk', OtlpSpanKind.CONSUMER, 'process valuation.hashprice.computed.v1');
    expect(hashpriceInRisk).toMatchObject({ parentSpanId: hashpriceCreated.spanId, attributes: expect.objectContaining({ 'messaging.consumer.group.name': stack.namespace.group('risk') }) });
    const alertCreated = find(spans, 'risk', OtlpSpanKind.PRODUCER, 'create risk.alert.raised.v1');
    expect(alertCreated).toMatchObject({ parentSpanId: hashpriceInRisk.spanId, attributes: expect.objectContaining({ 'messaging.kafka.message.key': 'network' }) });

    // notification (batch path): its process span continues the alert's creation context, as parent or link.
    const alertProcessed = find(spans, 'notification', OtlpSpanKind.CONSUMER, 'process risk.alert.raised.v1');
    expect(alertProcessed.attributes['messaging.consumer.group.name']).toBe(stack.namespace.group('notification'));
    expect([alertProcessed.parentSpanId, ...alertProcessed.links.map((l) => l.spanId)]).toContain(alertCreated.spanId);

    // The webhook POST: a client span in the same trace, in the alert's context; its traceparent names it.
    const post = must(spans.find(isWebhookPost), 'webhook POST');
    expect(post.parentSpanId).toBe(alertCreated.spanId);
    expect(String(delivery.headers.traceparent)).toBe(`00-${traceId}-${post.spanId}-01`);

    // PostgreSQL (pg) is traced inside the request and the handlers of every service.
    for (const service of ['ingest', 'valuation', 'risk', 'notification']) {
      expect({ service, pg: spans.some((s) => s.service === service && s.kind === OtlpSpanKind.CLIENT && (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'postgresql') }).toEqual({ service, pg: true });
    }

    // Redis (ioredis) too, where the path uses it: ingest's rate limit, valuation's cache, notification's dedup marks.
    for (const service of ['ingest', 'valuation', 'notification']) {
      expect({ service, redis: spans.some((s) => s.service === service && s.kind === OtlpSpanKind.CLIENT && (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'redis') }).toEqual({ service, redis: true });
    }

    // One trace: every span of the chain has the price's trace id, and four services took part.
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['ingest', 'valuation', 'risk', 'notification']));

    // The relay's send: a CLIENT span of its own trace, linked to the message's creation span.
    const send = must(await eventually('the relay\'s send span of the price',
      async () => otlp.spans.find((s) => s.service === 'ingest' && s.name === 'send ingest.price.observed.v1' && s.links.some((l) => l.spanId === priceCreated.spanId)), (s) => !!s, 15_000), 'send');
    expect(send).toMatchObject({ kind: OtlpSpanKind.CLIENT, attributes: expect.objectContaining({ 'messaging.operation.type': 'send', 'messaging.destination.name': topic('ingest.price.observed.v1') }) });
    expect(send.traceId).not.toBe(traceId);
  });

  it('receives metrics from every service: event-loop delay, outbox backlog and relay latency, consumer lag and handler duration, deliveries, HTTP server durations', async () => {
    const namesOf = (service: string) => new Set(otlp.metricExports.filter((e) => e.service === service).flatMap((e) => e.metricNames));
    for (const service of ['ingest', 'valuation', 'risk', 'notification']) {
      await eventually(`${service}'s event-loop delay and outbox metrics`, async () => namesOf(service),
        (names) => ['nodejs.eventloop.delay.p99', 'nodejs.eventloop.delay.max', 'hashdesk.outbox.backlog'].every((n) => names.has(n)), 15_000);
    }
    // The consumers: each handled messages of the first test.
    for (const service of ['valuation', 'risk', 'notification']) {
      await eventually(`${service}'s consumer metrics`, async () => namesOf(service),
        (names) => ['hashdesk.messaging.consumer.lag', 'messaging.process.duration', 'messaging.client.consumed.messages', 'hashdesk.messaging.batch.size'].every((n) => names.has(n)), 15_000);
    }
    // notification counted the webhook delivery by outcome and timed it.
    await eventually('notification\'s delivery metrics', async () => namesOf('notification'),
      (names) => names.has('hashdesk.notification.deliveries') && names.has('hashdesk.notification.delivery.duration'), 15_000);
    // Every service that published measured how long its rows waited in the outbox.
    for (const service of ['ingest', 'valuation', 'risk']) {
      await eventually(`${service}'s relay latency`, async () => namesOf(service), (names) => names.has('hashdesk.outbox.relay.latency'), 15_000);
    }
    // The first test's POSTs to ingest were measured by the HTTP instrumentation.
    await eventually('ingest\'s http.server.request.duration', async () => namesOf('ingest'), (names) => names.has('http.server.request.duration'), 15_000);
  });
});

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what} span in the trace`);
  return value;
}
