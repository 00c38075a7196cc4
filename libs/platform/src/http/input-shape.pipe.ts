import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { JSON_BODY_OBJECTS } from './decimal-number.transform';
import { badRequest, type FieldViolation } from './validation.pipe';

/** Deeper JSON is refused before any validator walks it (5,000 levels blew the stack: a 500). */
export const MAX_INPUT_DEPTH = 32;

// A NUL byte (PostgreSQL text cannot hold it) or a UTF-16 surrogate without its partner (not valid Unicode).
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Keys class-transformer drops without a word (its prototype-pollution guard), so the whitelist never
// sees them and a body carrying one was accepted as if the key were not there.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Runs before validation on every body, query and path parameter: refuses input nested deeper than
 * MAX_INPUT_DEPTH, strings (values or keys) with a NUL or a lone surrogate, and the keys __proto__,
 * constructor and prototype, naming the field the client sent. Whatever passes is handed on unchanged.
 */
export class InputShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && expectsObject(metadata) && (value === null || typeof value !== 'object')) {
      // JSON is parsed non-strictly so that a body of null, 42 or "text" reaches here and is named.
      throw badRequest([{ field: '(body)', rule: 'isObject', message: `must be a JSON object, not ${value === null ? 'null' : typeof value}` }]);
    }
    const violations: FieldViolation[] = [];
    inspect(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), 0, violations);
    if (violations.length > 0) throw badRequest(violations.slice(0, 20));
    if (metadata.type === 'body') markJsonObjects(value, 0);
    return value;
  }
}

/** A DTO class (not a raw string, Buffer or untyped body) is expected: only an object can fill it. */
function expectsObject(metadata: ArgumentMetadata): boolean {
  const type = metadata.metatype;
  return typeof type === 'function' && ![Object, String, Number, Boolean, Array, Buffer].includes(type as never);
}

/** Marks the body's objects so that ToDecimalNumber leaves their strings alone (depth already bounded). */
function markJsonObjects(value: unknown, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > MAX_INPUT_DEPTH) return;
  JSON_BODY_OBJECTS.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) markJsonObjects(child, depth + 1);
}

function badString(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (a lone surrogate was sent)';
  return undefined;
}

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function inspect(value: unknown, path: string, depth: number, violations: FieldViolation[]): void {
  if (violations.length >= 20) return;
  if (typeof value === 'string') {
    const problem = badString(value);
    if (problem) violations.push({ field: path || '(body)', rule: 'wellFormedString', message: problem });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_INPUT_DEPTH) {
    violations.push({ field: path || '(body)', rule: 'maxDepth', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => inspect(item, join(path, i), depth + 1, violations));
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = badString(key);
    if (keyProblem) violations.push({ field: join(path, JSON.stringify(key).slice(1, -1)), rule: 'wellFormedKey', message: keyProblem });
    else if (RESERVED_KEYS.has(key)) violations.push({ field: join(path, key), rule: 'reservedKey', message: 'is not a field of any request' });
    else inspect(child, join(path, key), depth + 1, violations);
  }
}
