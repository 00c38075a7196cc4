import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { AS_OF_PATTERN, SOURCE_QUALITIES, type SourceQuality, type SourcedFigure } from './sourced-figure';

/*
 * Strict readers for untrusted JSON (the company profile). Every failure is an EconomicsInputError
 * whose field is the JSON path (`fleet.installedHashrateEhs.value`) and whose rule says what was
 * expected. Unknown properties are refused, as the JSON Schema's additionalProperties: false does.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An object with exactly the allowed keys (`required` must be present). */
export function readObject(path: string, value: unknown, required: readonly string[], optional: readonly string[] = []): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EconomicsInputError(path, Code.MISSING, 'must be an object');
  }
  const object = value as JsonObject;
  for (const key of required) {
    if (!Object.hasOwn(object, key)) throw new EconomicsInputError(join(path, key), Code.MISSING, 'is required');
  }
  for (const key of Object.keys(object)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new EconomicsInputError(join(path, key), Code.UNKNOWN, `is not a known property (allowed: ${[...required, ...optional].join(', ')})`);
    }
  }
  return object;
}

export function readArray(path: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new EconomicsInputError(path, Code.MISSING, 'must be an array');
  return value;
}

export function readString(path: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new EconomicsInputError(path, Code.MISSING, 'must be a non-empty string');
  return value;
}

export function readNullableString(path: string, value: unknown): string | null {
  return value === null || value === undefined ? null : readString(path, value);
}

/** Free text (notes): any string, or null/absent. */
export function readNullableText(path: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new EconomicsInputError(path, Code.MISSING, 'must be a string or null');
  return value;
}

export function readIsoDate(path: string, value: unknown): string {
  const text = readString(path, value);
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    throw new EconomicsInputError(path, Code.OUT_OF_RANGE, `must be an ISO date YYYY-MM-DD, got '${text}'`);
  }
  return text;
}

export function readNullableIsoDate(path: string, value: unknown): string | null {
  return value === null ? null : readIsoDate(path, value);
}

export function readEnum<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new EconomicsInputError(path, Code.UNKNOWN, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Range rule for a figure's numeric value. */
export interface FigureRule {
  /** 0 ≤ value ≤ 1 (a ratio, not a percent). */
  readonly ratio?: boolean;
  readonly integer?: boolean;
  /** value > 0 (default: value ≥ 0). */
  readonly positive?: boolean;
  /** Any finite value (a net loss is negative). */
  readonly signed?: boolean;
}

function checkNumber(path: string, value: unknown, rule: FigureRule): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new EconomicsInputError(path, Code.NOT_FINITE, 'must be a finite number or null');
  if (!rule.signed && (rule.positive ? value <= 0 : value < 0)) {
    throw new EconomicsInputError(path, rule.positive ? Code.NOT_POSITIVE : Code.NEGATIVE, rule.positive ? 'must be greater than 0' : 'must be 0 or more');
  }
  if (rule.ratio && value > 1) throw new EconomicsInputError(path, Code.OUT_OF_RANGE, 'must be between 0 and 1, as a ratio not a percent');
  if (rule.integer && !Number.isSafeInteger(value)) throw new EconomicsInputError(path, Code.NOT_INTEGER, 'must be a whole number');
  return value;
}

const FIGURE_REQUIRED = ['value', 'asOf', 'source'] as const;
const FIGURE_OPTIONAL = ['sourceQuality', 'note', 'knownAt', 'excerpt'] as const;
const KNOWN_AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/;
const MAX_EXCERPT_CHARS = 200;

/** When a figure became public and the words it was read in (optional; the company history sets both). */
function readPublication(path: string, object: JsonObject): { knownAt?: string | null; excerpt?: string | null } {
  const result: { knownAt?: string | null; excerpt?: string | null } = {};
  if (Object.hasOwn(object, 'knownAt')) {
    const knownAt = readNullableString(join(path, 'knownAt'), object['knownAt']);
    if (knownAt !== null && (!KNOWN_AT.test(knownAt) || Number.isNaN(Date.parse(knownAt)))) {
      throw new EconomicsInputError(join(path, 'knownAt'), Code.OUT_OF_RANGE, `must be a date YYYY-MM-DD or a UTC time, got '${knownAt}'`);
    }
    result.knownAt = knownAt;
  }
  if (Object.hasOwn(object, 'excerpt')) {
    const excerpt = readNullableText(join(path, 'excerpt'), object['excerpt']);
    if (excerpt !== null && [...excerpt].length > MAX_EXCERPT_CHARS) {
      throw new EconomicsInputError(join(path, 'excerpt'), Code.OUT_OF_RANGE, `must be at most ${MAX_EXCERPT_CHARS} characters`);
    }
    result.excerpt = excerpt;
  }
  return result;
}

/** The provenance fields shared by figures and contracts. */
export function readProvenance(path: string, object: JsonObject): { asOf: string | null; source: string | null; sourceQuality?: SourceQuality | null; note?: string | null } {
  const asOf = readNullableString(join(path, 'asOf'), object['asOf']);
  if (asOf !== null && !AS_OF_PATTERN.test(asOf)) {
    throw new EconomicsInputError(join(path, 'asOf'), Code.OUT_OF_RANGE, `must look like 2025-09-30, 2025-09, 2025-Q3, 2025 or FY2025, got '${asOf}'`);
  }
  const result: { asOf: string | null; source: string | null; sourceQuality?: SourceQuality | null; note?: string | null } = {
    asOf,
    source: readNullableString(join(path, 'source'), object['source']),
  };
  if (Object.hasOwn(object, 'sourceQuality')) {
    result.sourceQuality = object['sourceQuality'] === null ? null : readEnum(join(path, 'sourceQuality'), object['sourceQuality'], SOURCE_QUALITIES);
  }
  if (Object.hasOwn(object, 'note')) {
    result.note = readNullableText(join(path, 'note'), object['note']);
  }
  return result;
}

function readFigureWith<T>(path: string, value: unknown, readValue: (valuePath: string, raw: unknown) => T, extraKeys: readonly string[] = []): SourcedFigure<T> {
  const object = readObject(path, value, FIGURE_REQUIRED, [...FIGURE_OPTIONAL, ...extraKeys]);
  const raw = object['value'];
  const figureValue = raw === null ? null : readValue(join(path, 'value'), raw);
  const provenance = readProvenance(path, object);
  if (figureValue !== null && provenance.source === null) {
    throw new EconomicsInputError(join(path, 'source'), Code.MISSING, 'is required when value is not null');
  }
  return { value: figureValue, ...provenance, ...readPublication(path, object) };
}

/** `{ value: number | null, asOf, source, sourceQuality?, note? }`. */
export function readFigure(path: string, value: unknown, rule: FigureRule = {}, extraKeys: readonly string[] = []): SourcedFigure {
  return readFigureWith(path, value, (valuePath, raw) => checkNumber(valuePath, raw, rule), extraKeys);
}

/** A figure whose value is an ISO date. */
export function readDateFigure(path: string, value: unknown): SourcedFigure<string> {
  return readFigureWith(path, value, readIsoDate);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}
