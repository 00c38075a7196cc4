/** The parts of an OpenAPI 3 document the fuzzer reads: operations, their parameters and JSON bodies. */

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  service: string;
  method: string;
  /** The OpenAPI path template, e.g. /v1/risk/watchlist/{entryId}. */
  path: string;
  parameters: Parameter[];
  /** The resolved JSON body schema, when the operation takes application/json. */
  jsonBody?: JsonSchema;
  /** Other declared body media types (the NDJSON and CSV uploads). */
  consumes: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> }; consumes?: string[] }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines $ref and allOf so generators see plain schemas (the Nest documents have no cycles). */
export function resolveSchema(schema: JsonSchema | undefined, document: OpenApiDocument, depth = 0): JsonSchema {
  if (!schema || depth > 16) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(document.components?.schemas?.[name], document, depth + 1);
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return allOf.reduce<JsonSchema>((merged, part) => ({ ...merged, ...resolveSchema(part, document, depth + 1) }), rest);
  }
  const resolved: JsonSchema = { ...schema };
  if (schema.properties) {
    resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(v, document, depth + 1)]));
  }
  if (schema.items) resolved.items = resolveSchema(schema.items, document, depth + 1);
  return resolved;
}

/** Every operation of a document; `skip` drops paths that take no input worth fuzzing (probes, metrics). */
export function operationsOf(service: string, raw: unknown, skip = /^\/(health\/|metrics$)/): Operation[] {
  const document = raw as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (skip.test(path)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      operations.push({
        service,
        method: method.toUpperCase(),
        path,
        // Nest lists a header twice when both @ApiHeader and @Headers name it: keep the first.
        parameters: (op.parameters ?? []).filter((p, i, all) => all.findIndex((q) => q.name === p.name && q.in === p.in) === i)
          .map((p) => ({ ...p, schema: resolveSchema(p.schema, document) })),
        jsonBody: json ? resolveSchema(json.schema, document) : undefined,
        consumes: Object.keys(content).filter((type) => type !== 'application/json'),
      });
    }
  }
  return operations;
}

export const operationLabel = (op: Pick<Operation, 'service' | 'method' | 'path'>): string => `${op.service} ${op.method} ${op.path}`;
