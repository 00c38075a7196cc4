import fc from 'fast-check';
import { stringifyDeep } from './deep-json';
import { badPathSegment, badRawNumber, badRawString, badRawTimestamp } from './bad-values';
import { badBodies, plausibleObject, plausibleValue, preview } from './body-mutations';
import { operationLabel, type JsonSchema, type Operation, type Parameter } from './openapi-operations';
import { badCsv, badNdjson, type RawBody } from './raw-bodies';

/** One request to send, with what was generated for the report. */
export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path and query, already percent-encoded (some values are deliberately malformed). */
  target: string;
  headers: Record<string, string>;
  body?: string;
  describe: string;
}

export interface OperationContext {
  /** A real value for a path parameter (a seeded watchlist entry, a ticker), so bodies reach the handler. */
  pathValue(op: Operation, name: string): string;
  /** A body the operation accepts, where the schema alone cannot tell one (see fuzz-fixtures). */
  baseBody(op: Operation): Record<string, unknown> | undefined;
  /** Media types of uploads the document declares no schema for, keyed by operation label. */
  rawBody(op: Operation): 'ndjson' | 'csv' | undefined;
  /** Operations whose accepted input is published: even their parameter and header cases carry a bad body. */
  publishes(op: Operation): boolean;
}

const RAW_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;
/** Content types a JSON body must not be accepted under (form types are the cross-origin ones). */
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzz', 'application/xml', 'application/json; charset=latin1', 'application/x-ndjson', ''];

const isTimestampName = (name: string) => /(At|asOf|^from|^to|[dD]ate)$/.test(name);

function badRawParam(param: Parameter): fc.Arbitrary<string> {
  const type = param.schema.type;
  if (type === 'number' || type === 'integer') return fc.oneof(badRawNumber(), badRawString());
  if (type === 'array') return fc.oneof(badRawNumber().map((v) => `1,${v}`), badRawString());
  const options = [badRawString(), badRawNumber()];
  if (isTimestampName(param.name)) options.push(badRawTimestamp(), badRawTimestamp());
  if (param.schema.enum) options.push(fc.constantFrom('not-a-member', `${String(param.schema.enum[0]).toUpperCase()}`));
  return fc.oneof(...options);
}

/** How a bad query parameter is written: plain, repeated (an array where a string is expected) or bracketed. */
const queryShape = (name: string, raw: string): fc.Arbitrary<string> =>
  fc.constantFrom(`${name}=${raw}`, `${name}=${raw}&${name}=${raw}`, `${name}[x]=${raw}`, `${name}[]=${raw}`);

function fillPath(op: Operation, ctx: OperationContext, bad: Record<string, string> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => bad[name] ?? encodeURIComponent(ctx.pathValue(op, name)));
}

function goodQuery(op: Operation): string[] {
  return op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(String(plausibleValue(p.schema, p.name)))}`);
}

const withQuery = (path: string, parts: string[]): string => (parts.length ? `${path}?${parts.join('&')}` : path);

function jsonRequest(op: Operation, target: string, body: unknown, describe: string, contentType = 'application/json'): FuzzRequest {
  return { operation: operationLabel(op), method: op.method, target, headers: contentType ? { 'content-type': contentType } : {}, body: stringifyDeep(body), describe };
}

/** Bad bodies under the right content type; the path and query are good, so validation is what answers. */
function bodyRequests(op: Operation, schema: JsonSchema, ctx: OperationContext): fc.Arbitrary<FuzzRequest> {
  const target = withQuery(fillPath(op, ctx), goodQuery(op));
  return badBodies(schema, ctx.baseBody(op), ctx.publishes(op)).map(({ body, describe }) => jsonRequest(op, target, body, describe));
}

/** The body sent beside bad parameters or headers: plausible, unless accepting it would publish an event. */
function companionBody(op: Operation, ctx: OperationContext): fc.Arbitrary<{ body?: string; contentType?: string; describe: string }> {
  const raw = ctx.rawBody(op);
  if (raw) return (raw === 'csv' ? badCsv() : badNdjson()).map(({ body, describe }) => ({ body, contentType: RAW_TYPES[raw], describe }));
  if (!op.jsonBody) return fc.constant({ describe: '' });
  const bodies = ctx.publishes(op)
    ? badBodies(op.jsonBody, ctx.baseBody(op), true)
    : fc.constant({ body: ctx.baseBody(op) ?? plausibleObject(op.jsonBody), describe: 'plausible body' });
  return bodies.map(({ body, describe }) => ({ body: stringifyDeep(body), contentType: 'application/json', describe }));
}

const request = (op: Operation, target: string, headers: Record<string, string>, companion: { body?: string; contentType?: string; describe: string }, describe: string): FuzzRequest => ({
  operation: operationLabel(op), method: op.method, target, body: companion.body,
  headers: { ...(companion.contentType ? { 'content-type': companion.contentType } : {}), ...headers },
  describe: companion.describe ? `${describe}; body: ${companion.describe}` : describe,
});

/** One to three bad path or query parameters (plus an unknown one now and then); the body, if any, is plausible. */
function parameterRequests(op: Operation, ctx: OperationContext): fc.Arbitrary<FuzzRequest> | undefined {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const choices: Array<fc.Arbitrary<{ param?: Parameter; raw: string; shape: string }>> = params.map((param) =>
    (param.in === 'path' ? badPathSegment() : badRawParam(param)).chain((raw) =>
      (param.in === 'path' ? fc.constant(raw) : queryShape(param.name, raw)).map((shape) => ({ param, raw, shape })),
    ),
  );
  choices.push(badRawString().map((raw) => ({ raw, shape: `unknownParam=${raw}` })));
  if (params.length === 0 && op.method !== 'GET' && !ctx.publishes(op)) return undefined;
  const hasPath = params.some((p) => p.in === 'path');
  // A DELETE (or any write) with every path value real would act on the seeded resources: one stays bad.
  const picks = fc.uniqueArray(fc.oneof(...choices), { minLength: 1, maxLength: 3, selector: (c) => c.param?.name ?? 'unknownParam' })
    .filter((picked) => !hasPath || op.method === 'GET' || picked.some((c) => c.param?.in === 'path'));
  return fc.tuple(picks, companionBody(op, ctx)).map(([picked, companion]) => {
    const badPath = Object.fromEntries(picked.flatMap((c) => (c.param?.in === 'path' ? [[c.param.name, c.raw]] : [])));
    const badQuery = picked.filter((c) => c.param?.in !== 'path').map((c) => c.shape);
    const badNames = new Set(picked.map((c) => c.param?.name));
    const query = [...goodQuery(op).filter((q) => !badNames.has(q.split('=')[0])), ...badQuery];
    const describe = picked.map((c) => `${c.param ? `${c.param.in} ${c.param.name}` : 'query'}: ${c.shape}`).join('; ');
    return request(op, withQuery(fillPath(op, ctx, badPath), query), {}, companion, describe);
  });
}

/** The plausible body under a content type other than JSON. */
function contentTypeRequests(op: Operation, schema: JsonSchema, ctx: OperationContext): fc.Arbitrary<FuzzRequest> {
  const target = withQuery(fillPath(op, ctx), goodQuery(op));
  return fc.constantFrom(...WRONG_TYPES).map((type) => jsonRequest(op, target, ctx.baseBody(op) ?? plausibleObject(schema), `content-type ${JSON.stringify(type)}`, type));
}

/** NDJSON or CSV uploads with bad records, under their own type or a wrong one. */
function rawRequests(op: Operation, ctx: OperationContext, kind: 'ndjson' | 'csv'): fc.Arbitrary<FuzzRequest> {
  const target = withQuery(fillPath(op, ctx), goodQuery(op));
  const bodies: fc.Arbitrary<RawBody> = kind === 'ndjson' ? badNdjson() : badCsv();
  const types = fc.oneof({ weight: 4, arbitrary: fc.constant(RAW_TYPES[kind]) }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded', '') });
  return fc.tuple(bodies, types).map(([{ body, describe }, type]): FuzzRequest => ({
    operation: operationLabel(op), method: op.method, target, headers: type ? { 'content-type': type } : {}, body, describe: `${describe} as ${JSON.stringify(type)}`,
  }));
}

/** Header parameters with printable garbage (fetch refuses control characters in headers). */
function headerRequests(op: Operation, ctx: OperationContext): fc.Arbitrary<FuzzRequest> | undefined {
  const headers = op.parameters.filter((p) => p.in === 'header' && !/^x-admin-token$/i.test(p.name));
  if (headers.length === 0) return undefined;
  const target = withQuery(fillPath(op, ctx), goodQuery(op));
  const values = fc.constantFrom('', '00-zz-zz-01', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`, 'x'.repeat(1_000), '-1', '1e308', '\u00ff\u00fe');
  return fc.tuple(fc.constantFrom(...headers), values, companionBody(op, ctx))
    .map(([header, value, companion]) => request(op, target, { [header.name]: value }, companion, `header ${header.name}: ${preview(value, 40)}`));
}

/**
 * Every kind of bad request that applies to an operation, weighted towards bodies where there is one.
 * Undefined for an operation that takes no input at all (a key rotation): there is nothing to make bad.
 */
export function requestsFor(op: Operation, ctx: OperationContext): fc.Arbitrary<FuzzRequest> | undefined {
  const kinds: Array<fc.WeightedArbitrary<FuzzRequest>> = [];
  const raw = ctx.rawBody(op);
  if (op.jsonBody) kinds.push({ weight: 10, arbitrary: bodyRequests(op, op.jsonBody, ctx) }, { weight: 2, arbitrary: contentTypeRequests(op, op.jsonBody, ctx) });
  if (raw) kinds.push({ weight: 10, arbitrary: rawRequests(op, ctx, raw) });
  const params = parameterRequests(op, ctx);
  if (params) kinds.push({ weight: op.jsonBody || raw ? 3 : 10, arbitrary: params });
  const headers = headerRequests(op, ctx);
  if (headers) kinds.push({ weight: 1, arbitrary: headers });
  if (kinds.length === 0) return undefined;
  return fc.oneof(...kinds);
}
