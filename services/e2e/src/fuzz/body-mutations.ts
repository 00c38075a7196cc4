import fc from 'fast-check';
import { stringifyDeep } from './deep-json';
import type { JsonSchema } from './openapi-operations';
import { badKey, badTimestamp, deepValue, hugeNumber, illFormedString, notANumber, notAString } from './bad-values';

/** Where a generated body may point a client: nowhere but a closed loopback port (the suite stays on loopback). */
export const LOOPBACK_URL = 'http://127.0.0.1:9/fuzz';

const looksLikeTimestamp = (name: string, schema: JsonSchema): boolean =>
  (typeof schema.example === 'string' && /^\d{4}-\d{2}(-\d{2})?/.test(schema.example)) || /(At|asOf|^from|^to|[dD]ate)$/.test(name);

/** A plausible value for a schema: its example, its first enum value, or a neutral one of its type. */
export function plausibleValue(schema: JsonSchema, name = ''): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) {
    return typeof schema.example === 'string' && /^https?:\/\//.test(schema.example) ? LOOPBACK_URL : schema.example;
  }
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'string':
      return looksLikeTimestamp(name, schema) ? '2025-06-01T00:00:00Z' : 'fuzz';
    default:
      return schema.properties ? plausibleObject(schema) : {};
  }
}

/** Required properties, plus optional ones the document gives an example or enum for. */
export function plausibleObject(schema: JsonSchema): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([name, prop]) => required.has(name) || prop.example !== undefined || prop.enum !== undefined || prop.properties !== undefined)
      .map(([name, prop]) => [name, plausibleValue(prop, name)]),
  );
}

/**
 * A value the schema refuses (never one it admits: a generated body must be rejected). `nullIsBad`
 * false leaves null out: for an optional field the services read null as "not given", which is valid.
 */
export function badValueFor(schema: JsonSchema, name: string, nullIsBad = true): fc.Arbitrary<unknown> {
  const nullIfRefused: Array<fc.Arbitrary<unknown>> = schema.nullable || !nullIsBad ? [] : [fc.constant(null)];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return fc.oneof(notANumber(), hugeNumber(), deepValue(), ...nullIfRefused);
    case 'boolean':
      return fc.oneof(fc.constantFrom<unknown>('true', 'false', 1, 0, [], {}), ...nullIfRefused);
    case 'string': {
      const shaped: Array<fc.Arbitrary<unknown>> = schema.enum ? [fc.constantFrom<unknown>('not-a-member', String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `)] : [];
      if (looksLikeTimestamp(name, schema)) shaped.push(badTimestamp());
      return fc.oneof(illFormedString(), notAString(), deepValue(), ...shaped, ...nullIfRefused);
    }
    case 'array': {
      const item = schema.items ?? {};
      const oversize = fc.constant(Array.from({ length: 10_001 }, () => plausibleValue(item)));
      return fc.oneof(
        fc.constantFrom<unknown>('x', 1, {}, true),
        badValueFor(item, name).map((bad) => [plausibleValue(item), bad]),
        oversize,
        deepValue(),
        ...nullIfRefused,
      );
    }
    default:
      // An object (or the untyped "any" Nest writes for a union): wrong shapes only, never a neutral value.
      if (schema.properties) {
        return fc.oneof(fc.constantFrom<unknown>('x', 1, [], true), withBadKey(plausibleObject(schema)), deepValue(), ...nullIfRefused);
      }
      return fc.oneof(illFormedString(), deepValue(), fc.constantFrom<unknown>({ [String.fromCharCode(0)]: 1 }));
  }
}

const withBadKey = (object: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(badKey(), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => setOwn({ ...object }, key, value));

/** An own property even for "__proto__" (plain assignment would set the prototype instead). */
export function setOwn<T extends object>(target: T, key: string, value: unknown): T {
  return Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One change that makes a body invalid, described for the failure report. */
interface Mutation {
  describe: string;
  apply(body: Record<string, unknown>): void;
}

/** `strict`: every mutation must make the body invalid, so null goes only where a value is required. */
function mutationsOf(schema: JsonSchema, strict: boolean): Array<fc.Arbitrary<Mutation>> {
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const nullIsBad = (owner: JsonSchema, name: string) => !strict || (owner.required ?? []).includes(name);
  const out: Array<fc.Arbitrary<Mutation>> = [
    fc.tuple(badKey(), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
      describe: `extra key ${JSON.stringify(key)}`,
      apply: (body) => void setOwn(body, key, value),
    })),
  ];
  if (props.length > 0) {
    out.push(
      fc.constantFrom(...props).chain(([name, prop]) =>
        badValueFor(prop, name, nullIsBad(schema, name)).map((bad) => ({ describe: `${name} = ${preview(bad)}`, apply: (body: Record<string, unknown>) => void (body[name] = bad) })),
      ),
    );
    // One level down: a bad value inside a nested object (rule.threshold, market.btcPriceUsd, …).
    const nestedProps = props.flatMap(([name, prop]) => Object.entries(prop.properties ?? {}).map(([child, childSchema]) => ({ name, child, childSchema, prop })));
    if (nestedProps.length > 0) {
      out.push(
        fc.constantFrom(...nestedProps).chain(({ name, child, childSchema, prop }) =>
          badValueFor(childSchema, child, nullIsBad(prop, child)).map((bad) => ({
            describe: `${name}.${child} = ${preview(bad)}`,
            apply: (body: Record<string, unknown>) => {
              const parent = body[name] && typeof body[name] === 'object' && !Array.isArray(body[name]) ? (body[name] as Record<string, unknown>) : plausibleObject(prop);
              body[name] = { ...parent, [child]: bad };
            },
          })),
        ),
      );
    }
  }
  if (required.length > 0) {
    out.push(fc.constantFrom(...required).map((name) => ({ describe: `without ${name}`, apply: (body) => void delete body[name] })));
  }
  return out;
}

/** Shapes that are not the object the operation takes at all. */
const wrongWholeBody = (): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constantFrom<unknown>([], [{}], 'fuzz', 42, true, null), deepValue());

export interface GeneratedBody {
  body: unknown;
  describe: string;
}

/**
 * Bodies for one operation: a plausible base with one to three mutations that each break the schema,
 * or a body of the wrong shape altogether. `base` overrides the plausible base (operations whose
 * valid body the schema alone cannot tell, e.g. a subscription's channel and rule). `strict` (for
 * operations that publish what they accept) keeps only mutations no reading of the contract admits.
 */
export function badBodies(schema: JsonSchema, base?: Record<string, unknown>, strict = false): fc.Arbitrary<GeneratedBody> {
  const start = () => structuredClone(base ?? plausibleObject(schema));
  const mutated = fc.array(fc.oneof(...mutationsOf(schema, strict)), { minLength: 1, maxLength: 3 }).map((mutations) => {
    const body = start();
    mutations.forEach((m) => m.apply(body));
    return { body, describe: mutations.map((m) => m.describe).join('; ') };
  });
  const whole = wrongWholeBody().map((body) => ({ body, describe: `whole body ${preview(body)}` }));
  return fc.oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: whole });
}

/** A short, printable view of a value for reports (escapes NUL and surrogates, cuts deep or long ones). */
export function preview(value: unknown, max = 80): string {
  const text = value === undefined ? 'undefined' : stringifyDeep(value);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
