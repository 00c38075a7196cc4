import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { create, toJson, ScalarType, type DescField, type DescMessage, type Message } from '@bufbuild/protobuf';
import { TimestampSchema } from '@bufbuild/protobuf/wkt';
import { ALL_TOPICS, asyncApiDocument, Topics } from '@hashdesk/contracts';
import { ASYNCAPI_PATH, asyncApiYaml } from './asyncapi.util';

type Doc = {
  channels: Record<string, { address: string; bindings: { kafka: { partitions: number; topicConfiguration: Record<string, string[]> } } }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { schemas: Record<string, unknown>; messages: Record<string, { headers: unknown; payload: { $ref: string } }> };
};
const doc = asyncApiDocument('test') as unknown as Doc;

/** A message of the type with every field set (oneofs: their first member), nested ones down to `depth`. */
function filled(desc: DescMessage, depth = 0): Message {
  const init: Record<string, unknown> = {};
  for (const field of desc.fields) {
    if (field.oneof) {
      if (field.oneof.fields[0] === field) init[field.oneof.localName] = { case: field.localName, value: valueOf(field, depth) };
      continue;
    }
    if (field.fieldKind === 'message' && depth >= 3) continue;
    init[field.localName] = field.fieldKind === 'list' ? [valueOf(field, depth)] : field.fieldKind === 'map' ? { [field.mapKey === ScalarType.STRING ? 'k' : '1']: valueOf(field, depth) } : valueOf(field, depth);
  }
  return create(desc, init);
}

function valueOf(field: DescField, depth: number): unknown {
  if (field.enum) return field.enum.values[field.enum.values.length - 1].number;
  if (field.message) return field.message.typeName === TimestampSchema.typeName ? create(TimestampSchema, { seconds: 1_767_225_600n, nanos: 5 }) : filled(field.message, depth + 1);
  const samples: Partial<Record<ScalarType, unknown>> = {
    [ScalarType.DOUBLE]: 1.5, [ScalarType.FLOAT]: 1.5, [ScalarType.BOOL]: true, [ScalarType.STRING]: 's', [ScalarType.BYTES]: new Uint8Array([1, 2]),
    [ScalarType.INT64]: -7n, [ScalarType.SINT64]: -7n, [ScalarType.SFIXED64]: -7n, [ScalarType.UINT64]: 7n, [ScalarType.FIXED64]: 7n,
  };
  return samples[field.scalar as ScalarType] ?? 3;
}

function payloadValidator(typeName: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ $ref: `#/components/schemas/${typeName}`, components: { schemas: doc.components.schemas } });
}

describe('docs/asyncapi.yaml: the topic contract, derived from the registry and the protobuf descriptors', () => {
  it('given the registry and the protos, when the document is generated, then the committed file is that document (regenerate with tools/scripts/asyncapi.ts --write)', () => {
    expect(readFileSync(ASYNCAPI_PATH, 'utf8')).toBe(asyncApiYaml());
  });

  it('given the committed document, when @asyncapi/parser validates it, then it is AsyncAPI 3.0 with no error or warning', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_PATH, 'utf8'));
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.channels().length).toBe(ALL_TOPICS.length);
  });

  it('given a document with a dangling message reference, when parsed, then the parser reports an error (the check above can fail)', async () => {
    const broken = structuredClone(doc) as unknown as { channels: Record<string, { messages: Record<string, { $ref: string }> }> };
    broken.channels.priceObserved.messages.BtcPriceObserved.$ref = '#/components/messages/Missing';
    const { diagnostics } = await new Parser().parse(JSON.stringify(broken));
    expect(diagnostics.some((d) => d.severity === 0)).toBe(true);
  });

  it('given every registry topic, when documented, then its channel carries the address, partitions and cleanup policy and its producer sends on it', () => {
    for (const [key, entry] of Object.entries(Topics)) {
      const channel = doc.channels[key];
      expect(channel.address).toBe(entry.name);
      expect(channel.bindings.kafka.partitions).toBe(entry.partitions);
      expect(channel.bindings.kafka.topicConfiguration['cleanup.policy']).toEqual([entry.cleanupPolicy]);
      expect(doc.operations[`${entry.producer}.send.${key}`]).toMatchObject({ action: 'send', channel: { $ref: `#/channels/${key}` } });
    }
    expect(doc.operations['risk.receive.companyValued']).toMatchObject({ action: 'receive' });
  });

  it.each(ALL_TOPICS.map((t) => [t.schema.typeName, t.schema] as const))('given a %s with every field set, when written as proto3 JSON, then its payload schema accepts it', (typeName, schema) => {
    const validate = payloadValidator(typeName);
    const json = toJson(schema, filled(schema));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
  });

  it('given a payload whose double is a string and whose enum is a number, when validated, then the schema rejects both', () => {
    const validate = payloadValidator(Topics.alertRaised.schema.typeName);
    expect(validate({ value: '1.5', severity: 3 })).toBe(false);
    expect([...new Set(validate.errors?.map((e) => e.instancePath))].sort()).toEqual(['/severity', '/value']);
  });

  it('given the headers schema, when a record\'s CloudEvents headers are checked, then ce_type must be the message\'s protobuf name', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile({ ...(doc.components.messages.AlertRaised.headers as object), components: { schemas: doc.components.schemas } });
    const headers = { ce_specversion: '1.0', ce_id: 'e-1', ce_type: 'hashdesk.v1.AlertRaised', ce_source: 'hashdesk/risk', ce_time: '2026-01-01T00:00:00Z', 'content-type': 'application/protobuf' };
    expect(validate(headers)).toBe(true);
    expect(validate({ ...headers, ce_type: 'hashdesk.v1.HashpriceComputed' })).toBe(false);
    expect(validate({ ...headers, ce_specversion: '0.3' })).toBe(false);
  });
});
