import { randomUUID } from 'node:crypto';
import { fromBinary, toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { IHeaders } from 'kafkajs';
import { CLOUDEVENTS_SPEC_VERSION, Headers, PROTOBUF_CONTENT_TYPE, type TopicEntry } from '@hashdesk/contracts';
import { PoisonMessageError } from './consumer/handler-error';

/** CloudEvents attributes of one message, plus its trace context. */
export interface EventMeta {
  id: string;
  type: string;
  source: string;
  /** When the event happened (its event time). */
  time: Date;
  subject?: string;
  traceparent?: string;
  tracestate?: string;
}

export interface DecodedEvent<Desc extends DescMessage = DescMessage> {
  meta: EventMeta;
  key: string;
  message: MessageShape<Desc>;
  topic: string;
  partition: number;
  offset: string;
  /** All headers as strings (original ones included), for handlers that need more. */
  headers: Record<string, string>;
}

export const newEventId = (): string => randomUUID();

export function metaToHeaders(meta: EventMeta): Record<string, string> {
  const headers: Record<string, string> = {
    [Headers.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [Headers.id]: meta.id,
    [Headers.type]: meta.type,
    [Headers.source]: meta.source,
    [Headers.time]: meta.time.toISOString(),
    [Headers.contentType]: PROTOBUF_CONTENT_TYPE,
  };
  if (meta.subject) headers[Headers.subject] = meta.subject;
  if (meta.traceparent) headers[Headers.traceparent] = meta.traceparent;
  if (meta.tracestate) headers[Headers.tracestate] = meta.tracestate;
  return headers;
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

/** Reads the CloudEvents attributes; a message without them cannot be handled and is poison. */
export function metaFromHeaders(headers: Record<string, string>): EventMeta {
  const id = headers[Headers.id];
  const type = headers[Headers.type];
  const source = headers[Headers.source];
  const time = new Date(headers[Headers.time] ?? '');
  if (!id || !type || !source || Number.isNaN(time.getTime())) {
    throw new PoisonMessageError('MISSING_CLOUDEVENTS_HEADERS', 'ce_id, ce_type, ce_source and ce_time are required');
  }
  return { id, type, source, time, subject: headers[Headers.subject], traceparent: headers[Headers.traceparent], tracestate: headers[Headers.tracestate] };
}

export function encodeMessage<Desc extends DescMessage>(entry: TopicEntry<Desc>, message: MessageShape<Desc>): Buffer {
  return Buffer.from(toBinary(entry.schema, message));
}

export function decodeMessage<Desc extends DescMessage>(entry: TopicEntry<Desc>, meta: EventMeta, value: Buffer | null): MessageShape<Desc> {
  if (meta.type !== entry.schema.typeName) {
    throw new PoisonMessageError('UNEXPECTED_EVENT_TYPE', `topic ${entry.name} carries ${entry.schema.typeName}, got ${meta.type}`);
  }
  if (!value) throw new PoisonMessageError('EMPTY_PAYLOAD', 'message has no value');
  try {
    return fromBinary(entry.schema, value);
  } catch (error) {
    throw new PoisonMessageError('UNDECODABLE_PAYLOAD', (error as Error).message);
  }
}
