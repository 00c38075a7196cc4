import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';

/** A JSON Schema (draft-07, the dialect AsyncAPI 3 schemas extend). */
export type JsonSchema = { [keyword: string]: unknown };

const INT64_PATTERN = '^-?[0-9]+$';

/**
 * JSON Schemas of protobuf messages as their canonical proto3 JSON mapping describes them, derived from
 * the runtime descriptors: every message (and enum) reached becomes one named schema, referenced by
 * `$ref` under `refPrefix`, so nested and shared messages are described once.
 */
export class ProtoJsonSchemas {
  private readonly schemas = new Map<string, JsonSchema>();

  constructor(private readonly refPrefix: string) {}

  /** A reference to the message's schema, adding it (and everything it reaches) on first use. */
  refTo(desc: DescMessage): JsonSchema {
    const wellKnown = WELL_KNOWN[desc.typeName];
    if (wellKnown) return wellKnown;
    if (!this.schemas.has(desc.typeName)) {
      this.schemas.set(desc.typeName, {}); // reserved first: a recursive message refers to itself
      this.schemas.set(desc.typeName, this.messageSchema(desc));
    }
    return { $ref: `${this.refPrefix}${desc.typeName}` };
  }

  /** Every schema added so far, by fully qualified protobuf name, sorted so the output is stable. */
  all(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private messageSchema(desc: DescMessage): JsonSchema {
    const properties = Object.fromEntries(desc.fields.map((field) => [field.jsonName, this.fieldSchema(field)]));
    return {
      type: 'object',
      title: desc.typeName,
      // proto3 JSON leaves out fields at their default value, so none is required.
      properties,
      'x-protobuf-message': desc.typeName,
      ...(desc.oneofs.length > 0 ? { 'x-protobuf-oneofs': Object.fromEntries(desc.oneofs.map((o) => [o.name, o.fields.map((f) => f.jsonName)])) } : {}),
    };
  }

  private fieldSchema(field: DescField): JsonSchema {
    const annotations: JsonSchema = {
      'x-protobuf-field': `${field.name} = ${field.number}`,
      // `optional`: absent means "not known", which the default value (0, "") would not tell.
      ...(field.proto.proto3Optional ? { 'x-protobuf-optional': true } : {}),
      ...(field.deprecated ? { deprecated: true } : {}),
    };
    switch (field.fieldKind) {
      case 'scalar':
        return { ...scalarSchema(field.scalar), ...annotations };
      case 'enum':
        return { ...enumSchema(field.enum), ...annotations };
      case 'message':
        return { ...this.refTo(field.message), ...annotations };
      case 'list':
        return { type: 'array', items: this.valueSchema(field.listKind, field.scalar, field.enum, field.message), ...annotations };
      case 'map':
        // JSON object keys are strings whatever the protobuf key type.
        return { type: 'object', additionalProperties: this.valueSchema(field.mapKind, field.scalar, field.enum, field.message), ...annotations };
    }
  }

  private valueSchema(kind: 'scalar' | 'enum' | 'message', scalar: ScalarType | undefined, enumDesc: DescEnum | undefined, message: DescMessage | undefined): JsonSchema {
    if (kind === 'scalar') return scalarSchema(scalar as ScalarType);
    if (kind === 'enum') return enumSchema(enumDesc as DescEnum);
    return this.refTo(message as DescMessage);
  }
}

function scalarSchema(scalar: ScalarType): JsonSchema {
  switch (scalar) {
    case ScalarType.DOUBLE:
      return { type: 'number', format: 'double' };
    case ScalarType.FLOAT:
      return { type: 'number', format: 'float' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { type: 'integer', format: 'int32', minimum: -2147483648, maximum: 2147483647 };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: 'integer', format: 'uint32', minimum: 0, maximum: 4294967295 };
    // 64-bit integers are JSON strings: a JSON number cannot hold them exactly.
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { type: 'string', format: 'int64', pattern: INT64_PATTERN };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { type: 'string', format: 'uint64', pattern: '^[0-9]+$' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64' };
  }
}

function enumSchema(desc: DescEnum): JsonSchema {
  // proto3 JSON writes an enum value by its name.
  return { type: 'string', enum: desc.values.map((v) => v.name), 'x-protobuf-enum': desc.typeName };
}

/** Well-known types have their own JSON forms. */
const WELL_KNOWN: Record<string, JsonSchema> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time', description: 'RFC 3339, UTC ("Z"), up to nanoseconds' },
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$', description: 'seconds with an "s" suffix, e.g. "1.5s"' },
  'google.protobuf.Struct': { type: 'object' },
  'google.protobuf.Value': {},
  'google.protobuf.Empty': { type: 'object', additionalProperties: false },
  'google.protobuf.DoubleValue': { type: ['number', 'null'] },
  'google.protobuf.StringValue': { type: ['string', 'null'] },
  'google.protobuf.BoolValue': { type: ['boolean', 'null'] },
};
