import { randomBytes } from 'node:crypto';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';
import {
  ATTR_MESSAGING_BATCH_MESSAGE_COUNT, ATTR_MESSAGING_CONSUMER_GROUP_NAME, ATTR_MESSAGING_DESTINATION_NAME, ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_DESTINATION_TEMPLATE, ATTR_MESSAGING_KAFKA_MESSAGE_KEY, ATTR_MESSAGING_KAFKA_OFFSET, ATTR_MESSAGING_MESSAGE_ID, ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE, ATTR_MESSAGING_SYSTEM, MESSAGING_OPERATION_TYPE_VALUE_CREATE, MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
  MESSAGING_OPERATION_TYPE_VALUE_SEND, MESSAGING_SYSTEM_VALUE_KAFKA,
} from './messaging-semconv';

export type TraceCarrier = Record<string, string>;

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The active W3C trace context as headers (traceparent, tracestate). */
export function currentTraceHeaders(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * The traceparent to stamp on events caused by an HTTP request: the active span's when tracing is
 * on, else the caller's own header, else a new trace. Every event carries one.
 */
export function traceparentFor(incomingHeader: string | undefined): string {
  const active = currentTraceHeaders().traceparent;
  if (active) return active;
  if (incomingHeader && TRACEPARENT.test(incomingHeader)) return incomingHeader;
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function contextFromHeaders(headers: TraceCarrier, base: Context = context.active()): Context {
  return propagation.extract(base, headers);
}

const tracer = () => trace.getTracer('@hashdesk/messaging');

/**
 * Where a span's messages go or come from. Span names use the logical topic (the low-cardinality
 * destination template: a test's topic namespace does not multiply them); `messaging.destination.name`
 * is the topic on the broker.
 */
export interface SpanDestination {
  /** The topic on the broker (namespace prefix included). */
  topic: string;
  /** The registry's name (`ingest.price.observed.v1`). */
  logicalTopic: string;
}

/** One consumed record as a process span sees it. */
export interface ConsumedRecord {
  headers: TraceCarrier;
  partition: number;
  offset: string;
  key: string;
  /** The CloudEvents id (`ce_id`), when the record has one. */
  messageId?: string;
}

function destinationAttributes(at: SpanDestination, operation: 'create' | 'send' | 'process'): Attributes {
  return {
    [ATTR_MESSAGING_SYSTEM]: MESSAGING_SYSTEM_VALUE_KAFKA,
    [ATTR_MESSAGING_DESTINATION_NAME]: at.topic,
    [ATTR_MESSAGING_DESTINATION_TEMPLATE]: at.logicalTopic,
    [ATTR_MESSAGING_OPERATION_TYPE]: operation,
    [ATTR_MESSAGING_OPERATION_NAME]: operation,
  };
}

function recordAttributes(record: ConsumedRecord): Attributes {
  const attributes: Attributes = { [ATTR_MESSAGING_KAFKA_OFFSET]: Number(record.offset) };
  if (record.messageId) attributes[ATTR_MESSAGING_MESSAGE_ID] = record.messageId;
  if (record.key) attributes[ATTR_MESSAGING_KAFKA_MESSAGE_KEY] = record.key;
  return attributes;
}

/**
 * The `create <topic>` PRODUCER span of one message written to the outbox: a child of `parent` (the
 * request's or the handler's context), ended at once. Returns the headers carrying its context, which
 * the message keeps as its creation context; empty when tracing is off.
 */
export function createMessageSpan(at: SpanDestination, message: { key: string; messageId: string }, parent: Context): TraceCarrier {
  const span = tracer().startSpan(`${MESSAGING_OPERATION_TYPE_VALUE_CREATE} ${at.logicalTopic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      ...destinationAttributes(at, MESSAGING_OPERATION_TYPE_VALUE_CREATE),
      [ATTR_MESSAGING_MESSAGE_ID]: message.messageId,
      ...(message.key ? { [ATTR_MESSAGING_KAFKA_MESSAGE_KEY]: message.key } : {}),
    },
  }, parent);
  const carrier = trace.isSpanContextValid(span.spanContext()) ? currentTraceHeaders(trace.setSpan(parent, span)) : {};
  span.end();
  return carrier;
}

function linkTo(headers: TraceCarrier, attributes?: Attributes): Link | undefined {
  const spanContext = trace.getSpanContext(contextFromHeaders(headers, ROOT_CONTEXT));
  return spanContext && trace.isSpanContextValid(spanContext) ? { context: spanContext, attributes } : undefined;
}

/**
 * The relay's `send <topic>` span around one publish of outbox rows: a CLIENT span (the messages'
 * creation contexts are their `create` spans, not this one), linked to each message it sends. It starts
 * a trace of its own: one send carries messages of many traces.
 */
export async function withSendSpan<T>(at: SpanDestination, messages: TraceCarrier[], fn: () => Promise<T>): Promise<T> {
  const links = messages.map((headers) => linkTo(headers)).filter((l): l is Link => !!l);
  const span = tracer().startSpan(`${MESSAGING_OPERATION_TYPE_VALUE_SEND} ${at.logicalTopic}`, {
    kind: SpanKind.CLIENT,
    links,
    attributes: { ...destinationAttributes(at, MESSAGING_OPERATION_TYPE_VALUE_SEND), [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: messages.length },
  }, ROOT_CONTEXT);
  return endWith(span, () => context.with(trace.setSpan(ROOT_CONTEXT, span), fn));
}

/** Name, kind, attributes, links and parent of the process span of `records` (one partition); pure. */
export function processSpanOptions(at: SpanDestination & { consumerGroup: string }, records: ConsumedRecord[]): {
  name: string; kind: SpanKind; attributes: Attributes; links: Link[]; parent: Context;
} {
  if (records.length === 0) throw new Error('a process span needs at least one record');
  const attributes: Attributes = {
    ...destinationAttributes(at, MESSAGING_OPERATION_TYPE_VALUE_PROCESS),
    [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: at.consumerGroup,
    [ATTR_MESSAGING_DESTINATION_PARTITION_ID]: String(records[0].partition),
  };
  // The trace goes on through the first record's creation context (its parent); a batch also links
  // to every record's creation context, each link naming its record.
  const parent = contextFromHeaders(records[0].headers, ROOT_CONTEXT);
  if (records.length === 1) return { name: `${MESSAGING_OPERATION_TYPE_VALUE_PROCESS} ${at.logicalTopic}`, kind: SpanKind.CONSUMER, attributes: { ...attributes, ...recordAttributes(records[0]) }, links: [], parent };
  const links = records.map((r) => linkTo(r.headers, recordAttributes(r))).filter((l): l is Link => !!l);
  return {
    name: `${MESSAGING_OPERATION_TYPE_VALUE_PROCESS} ${at.logicalTopic}`,
    kind: SpanKind.CONSUMER,
    attributes: { ...attributes, [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: records.length },
    links,
    parent,
  };
}

/** Runs `fn` in the `process <topic>` CONSUMER span of `records` (see processSpanOptions). */
export async function withProcessSpan<T>(at: SpanDestination & { consumerGroup: string }, records: ConsumedRecord[], fn: (span: Span) => Promise<T>): Promise<T> {
  const { name, kind, attributes, links, parent } = processSpanOptions(at, records);
  const span = tracer().startSpan(name, { kind, attributes, links }, parent);
  return endWith(span, () => context.with(trace.setSpan(parent, span), () => fn(span)));
}

/** Ends the span when `fn` settles; a failure marks it as an error with the error's code or name. */
async function endWith<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const err = error as Error & { code?: string | number };
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err?.message });
    span.setAttribute(ATTR_ERROR_TYPE, typeof err?.code === 'string' ? err.code : (err?.name ?? 'Error'));
    throw error;
  } finally {
    span.end();
  }
}

/** The trace id in a traceparent header ("00-<trace-id>-<span-id>-<flags>"), or undefined. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return TRACEPARENT.exec(traceparent ?? '')?.[1];
}
