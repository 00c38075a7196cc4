import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { contextFromHeaders, createMessageSpan, withProcessSpan, withSendSpan, type ConsumedRecord } from './trace-context';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

const price = { topic: 'hd_x_ingest.price.observed.v1', logicalTopic: 'ingest.price.observed.v1' };
const traceparent = (traceId: string, spanId: string) => `00-${traceId}-${spanId}-01`;
const record = (n: number, headers: Record<string, string>): ConsumedRecord => ({ headers, partition: 2, offset: String(40 + n), key: 'BTC-USD', messageId: `event-${n}` });

describe('messaging spans (OpenTelemetry messaging semantic conventions)', () => {
  it('given a request context, when a message is created, then a PRODUCER `create <topic>` child span is ended and the message carries its context', () => {
    const parent = contextFromHeaders({ traceparent: traceparent('a'.repeat(32), 'b'.repeat(16)) }, ROOT_CONTEXT);
    const headers = createMessageSpan(price, { key: 'BTC-USD', messageId: 'event-1' }, parent);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('create ingest.price.observed.v1');
    expect(span.kind).toBe(SpanKind.PRODUCER);
    expect(span.parentSpanContext?.spanId).toBe('b'.repeat(16));
    expect(span.attributes).toMatchObject({
      'messaging.system': 'kafka', 'messaging.operation.type': 'create', 'messaging.destination.name': 'hd_x_ingest.price.observed.v1',
      'messaging.destination.template': 'ingest.price.observed.v1', 'messaging.message.id': 'event-1', 'messaging.kafka.message.key': 'BTC-USD',
    });
    expect(headers.traceparent).toBe(traceparent('a'.repeat(32), span.spanContext().spanId));
  });

  it('given one record, when it is processed, then a CONSUMER `process <topic>` span is the child of its creation context, with group, partition, offset, id and key', async () => {
    const created = traceparent('c'.repeat(32), 'd'.repeat(16));
    await withProcessSpan({ ...price, consumerGroup: 'hd_x_valuation' }, [record(1, { traceparent: created })], async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('process ingest.price.observed.v1');
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.spanContext().traceId).toBe('c'.repeat(32));
    expect(span.parentSpanContext?.spanId).toBe('d'.repeat(16));
    expect(span.links).toEqual([]);
    expect(span.attributes).toEqual({
      'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.operation.name': 'process',
      'messaging.destination.name': 'hd_x_ingest.price.observed.v1', 'messaging.destination.template': 'ingest.price.observed.v1',
      'messaging.consumer.group.name': 'hd_x_valuation', 'messaging.destination.partition.id': '2', 'messaging.kafka.offset': 41,
      'messaging.message.id': 'event-1', 'messaging.kafka.message.key': 'BTC-USD',
    });
  });

  it('given a batch of three records from three traces, when it is processed, then one span links to every record\'s creation context and continues the first', async () => {
    const records = [1, 2, 3].map((n) => record(n, { traceparent: traceparent(String(n).repeat(32), String(n + 4).repeat(16)) }));
    await withProcessSpan({ ...price, consumerGroup: 'hd_x_notification' }, records, async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext?.spanId).toBe('5'.repeat(16));
    expect(span.attributes['messaging.batch.message_count']).toBe(3);
    expect(span.attributes['messaging.message.id']).toBeUndefined();
    expect(span.links.map((l) => [l.context.traceId, l.context.spanId, l.attributes])).toEqual([
      ['1'.repeat(32), '5'.repeat(16), { 'messaging.kafka.offset': 41, 'messaging.message.id': 'event-1', 'messaging.kafka.message.key': 'BTC-USD' }],
      ['2'.repeat(32), '6'.repeat(16), { 'messaging.kafka.offset': 42, 'messaging.message.id': 'event-2', 'messaging.kafka.message.key': 'BTC-USD' }],
      ['3'.repeat(32), '7'.repeat(16), { 'messaging.kafka.offset': 43, 'messaging.message.id': 'event-3', 'messaging.kafka.message.key': 'BTC-USD' }],
    ]);
  });

  it('given a batch where one record has no trace context, when it is processed, then the others are still linked', async () => {
    const records = [record(1, {}), record(2, { traceparent: traceparent('2'.repeat(32), '6'.repeat(16)) })];
    await withProcessSpan({ ...price, consumerGroup: 'g' }, records, async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span.links.map((l) => l.context.spanId)).toEqual(['6'.repeat(16)]);
    expect(span.parentSpanContext).toBeUndefined();
  });

  it('given a handler that fails, when its span ends, then the span is an error naming the error code and the failure reaches the caller', async () => {
    const failure = Object.assign(new Error('no such company'), { code: 'UNKNOWN_TICKER' });
    await expect(withProcessSpan({ ...price, consumerGroup: 'g' }, [record(1, {})], () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no such company' });
    expect(span.attributes['error.type']).toBe('UNKNOWN_TICKER');
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('given messages created in two traces, when the relay sends them, then a root CLIENT `send <topic>` span links to both creation contexts', async () => {
    const active = contextFromHeaders({ traceparent: traceparent('9'.repeat(32), '8'.repeat(16)) }, ROOT_CONTEXT);
    await context.with(active, () => withSendSpan(price, [{ traceparent: traceparent('1'.repeat(32), '2'.repeat(16)) }, { traceparent: traceparent('3'.repeat(32), '4'.repeat(16)) }], async () => undefined));
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('send ingest.price.observed.v1');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.attributes).toMatchObject({ 'messaging.operation.type': 'send', 'messaging.batch.message_count': 2 });
    expect(span.links.map((l) => l.context.spanId)).toEqual(['2'.repeat(16), '4'.repeat(16)]);
  });
});
