import { CLOUDEVENTS_SPEC_VERSION, Headers, PROTOBUF_CONTENT_TYPE } from '../headers';
import { PLATFORM_READ_TOPICS, TOPIC_CONSUMERS } from '../topics/topic-consumers';
import { eventTypeOf, type TopicEntry } from '../topics/topic-entry';
import { Topics } from '../topics/topic-registry';
import { ProtoJsonSchemas, type JsonSchema } from './proto-json-schema';

type TopicKey = keyof typeof Topics;
const KAFKA_BINDING_VERSION = '0.5.0';
const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

/**
 * The AsyncAPI 3.0 document of every topic in the registry: one channel per topic (address, key,
 * partitions, cleanup policy), one message per protobuf type with its CloudEvents headers and the JSON
 * Schema of its fields, a send operation for the producer and a receive operation per consumer.
 * Derived, never hand-written: tools/scripts/asyncapi.ts writes it to docs/asyncapi.yaml.
 */
export function asyncApiDocument(version: string): Record<string, unknown> {
  const schemas = new ProtoJsonSchemas('#/components/schemas/');
  const keys = Object.keys(Topics) as TopicKey[];
  const messages: Record<string, unknown> = {};
  for (const key of keys) {
    const entry: TopicEntry = Topics[key];
    messages[messageId(entry)] ??= message(entry, schemas.refTo(entry.schema));
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'hashdesk events',
      version,
      description: [
        'Every Kafka topic hashdesk publishes. Records follow the CloudEvents Kafka protocol binding in binary mode:',
        'the event attributes travel as `ce_` headers, the value is the protobuf encoding of the message (content type',
        `\`${PROTOBUF_CONTENT_TYPE}\`), and W3C trace context rides along in \`traceparent\`. Payload schemas describe the`,
        'protobuf messages through their canonical proto3 JSON mapping (field names in lowerCamelCase, 64-bit integers as',
        'strings, enums by name, timestamps as RFC 3339); fields at their default value are left out of that JSON, and',
        '`x-protobuf-optional` marks fields whose absence means "not known". Each consumer group also has a dead-letter',
        'topic `<group>.dlt` holding the original key, value and headers plus `x-`-prefixed error headers.',
        'Generated from libs/contracts (topic registry and protobuf descriptors): do not edit by hand.',
      ].join(' '),
    },
    defaultContentType: PROTOBUF_CONTENT_TYPE,
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The development broker (npm run kafka:start; KAFKA_BROKERS elsewhere).' },
    },
    channels: Object.fromEntries(keys.map((key) => [key, channel(Topics[key], key)])),
    operations: Object.fromEntries(keys.flatMap((key) => operations(Topics[key], key))),
    components: {
      messages,
      schemas: { CloudEventsKafkaHeaders: cloudEventsHeaders(), ...schemas.all() },
    },
  };
}

function messageId(entry: TopicEntry): string {
  return entry.schema.typeName.split('.').pop() as string;
}

function channel(entry: TopicEntry, key: TopicKey): Record<string, unknown> {
  return {
    address: entry.name,
    title: entry.name,
    description: `Key: ${entry.keyDescription}. ${entry.partitions} partition(s), cleanup policy \`${entry.cleanupPolicy}\`. Published by ${entry.producer}; ${readers(key)}.`,
    messages: { [messageId(entry)]: { $ref: `#/components/messages/${messageId(entry)}` } },
    bindings: {
      kafka: {
        topic: entry.name,
        partitions: entry.partitions,
        topicConfiguration: { 'cleanup.policy': [entry.cleanupPolicy] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-partition-key': entry.keyDescription,
    'x-registry-key': key,
  };
}

function readers(key: TopicKey): string {
  const consumers = TOPIC_CONSUMERS[key];
  return consumers.length > 0 ? `consumed by ${consumers.join(', ')}` : 'no hashdesk service consumes it (for downstream readers)';
}

function message(entry: TopicEntry, payload: JsonSchema): Record<string, unknown> {
  const type = eventTypeOf(entry);
  return {
    name: messageId(entry),
    title: type,
    contentType: PROTOBUF_CONTENT_TYPE,
    headers: {
      allOf: [{ $ref: '#/components/schemas/CloudEventsKafkaHeaders' }, { type: 'object', properties: { [Headers.type]: { const: type } } }],
    },
    payload,
    bindings: {
      kafka: { key: { type: 'string', description: 'The partition key; see the channel for what it holds.' }, bindingVersion: KAFKA_BINDING_VERSION },
    },
  };
}

function operations(entry: TopicEntry, key: TopicKey): Array<[string, unknown]> {
  const ref = { channel: { $ref: `#/channels/${key}` }, messages: [{ $ref: `#/channels/${key}/messages/${messageId(entry)}` }] };
  const send: [string, unknown] = [`${entry.producer}.send.${key}`, { action: 'send', title: `${entry.producer} publishes ${entry.name}`, tags: [{ name: entry.producer }], ...ref }];
  const receives = TOPIC_CONSUMERS[key].map((service): [string, unknown] => [
    `${service}.receive.${key}`,
    {
      action: 'receive',
      title: `${service} consumes ${entry.name}`,
      tags: [{ name: service }],
      ...ref,
      ...(PLATFORM_READ_TOPICS.has(key)
        ? { description: 'Read from the start at every start-up by a throw-away consumer group, never committed.' }
        : { bindings: { kafka: { groupId: { type: 'string', const: service }, bindingVersion: KAFKA_BINDING_VERSION } } }),
    },
  ]);
  return [send, ...receives];
}

/** The CloudEvents Kafka binding headers (binary mode) plus W3C trace context. */
function cloudEventsHeaders(): JsonSchema {
  return {
    type: 'object',
    required: [Headers.specVersion, Headers.id, Headers.type, Headers.source, Headers.time, Headers.contentType],
    properties: {
      [Headers.specVersion]: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      [Headers.id]: { type: 'string', minLength: 1, description: 'Event id; a redelivery keeps it, so consumers deduplicate on it.' },
      [Headers.type]: { type: 'string', description: 'The fully qualified protobuf message name.' },
      [Headers.source]: { type: 'string', format: 'uri-reference', description: 'The producing service, e.g. hashdesk/valuation.' },
      [Headers.time]: { type: 'string', format: 'date-time', description: 'When the event happened (event time), RFC 3339.' },
      [Headers.subject]: { type: 'string', description: 'What the event is about: a ticker, "BTC", "network", a key id.' },
      [Headers.contentType]: { type: 'string', const: PROTOBUF_CONTENT_TYPE },
      [Headers.traceparent]: { type: 'string', pattern: TRACEPARENT_PATTERN, description: 'W3C trace context of the producing span.' },
      [Headers.tracestate]: { type: 'string' },
    },
  };
}
