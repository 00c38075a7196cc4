import { AdapterException, AdapterExceptionCode } from '../adapter.exception';

/**
 * Careful parsing of provider values. Providers send numbers as JSON numbers or as strings
 * ("67187.33", "1311748254", "1.23%"); each helper accepts exactly the documented forms and
 * throws an INVALID_FIELD AdapterException naming the field for anything else, so a NaN can
 * never reach an observation.
 */

const DECIMAL_TEXT = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A finite number, from a JSON number or a decimal string ("67187.33", "-1.5e3"). No thousands separators, no blanks. */
export function parseDecimal(field: string, value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw AdapterException.invalidField(field, 'must be a finite number', value);
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const parts = DECIMAL_TEXT.exec(text);
    if (!parts || (parts[2] === undefined && !parts[3])) throw AdapterException.invalidField(field, 'must be a decimal number', value);
    const parsed = Number(text);
    if (!Number.isFinite(parsed)) throw AdapterException.invalidField(field, 'must be a finite number', value);
    return parsed;
  }
  throw AdapterException.invalidField(field, value === undefined ? 'is missing' : 'must be a number or a numeric string', value);
}

/**
 * The exact decimal `value × 10^powerOfTen`, e.g. cents "7.14" with −2 → 0.0714 (7.14 / 100 is
 * 0.07139999999999999): the digits are shifted in text, then rounded to a double once.
 */
export function scaleDecimal(field: string, value: unknown, powerOfTen: number): number {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'invalid') : value;
  if (typeof text !== 'string') return parseDecimal(field, value); // throws with the right message
  const parts = DECIMAL_TEXT.exec(text.trim());
  if (!parts || (parts[2] === undefined && !parts[3])) return parseDecimal(field, value);
  const [, sign, integer = '', fraction = '', exponent = '0'] = parts;
  const shifted = Number(`${sign}${integer}${fraction || ''}e${Number(exponent) - fraction.length + powerOfTen}`);
  if (!Number.isFinite(shifted)) throw AdapterException.invalidField(field, 'must be a finite number', value);
  return shifted;
}

export function parseInRange(field: string, value: unknown, min: number, max: number, rule?: string): number {
  const parsed = parseDecimal(field, value);
  if (parsed < min || parsed > max) throw AdapterException.invalidField(field, rule ?? `must be between ${min} and ${max}`, value);
  return parsed;
}

export function parsePositive(field: string, value: unknown): number {
  const parsed = parseDecimal(field, value);
  if (parsed <= 0) throw AdapterException.invalidField(field, 'must be greater than 0', value);
  return parsed;
}

export function parseNonNegative(field: string, value: unknown): number {
  const parsed = parseDecimal(field, value);
  if (parsed < 0) throw AdapterException.invalidField(field, 'must be 0 or more', value);
  return parsed;
}

/** A whole number within [min, max], from a JSON number or an integer string. */
export function parseInteger(field: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = parseDecimal(field, value);
  if (!Number.isSafeInteger(parsed)) throw AdapterException.invalidField(field, 'must be a whole number', value);
  if (parsed < min || parsed > max) throw AdapterException.invalidField(field, `must be between ${min} and ${max}`, value);
  return parsed;
}

/** A non-negative satoshi amount, exactly, from an integer string ("1311748254") or a safe integer. */
export function parseSats(field: string, value: unknown): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return BigInt(value.trim());
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw AdapterException.invalidField(field, 'must be a whole, non-negative number of satoshis', value);
}

/** A bigint that fits a JS number exactly. */
export function toSafeNumber(field: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw AdapterException.invalidField(field, 'is too large to represent exactly', value.toString());
  }
  return Number(value);
}

/** numerator / denominator, rounded half up (both non-negative, denominator > 0). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** A percent written as text with a sign ("1.2345%", "-0.5%") or a plain number: returns the percent (1.2345). */
export function parsePercentText(field: string, value: unknown): number {
  if (typeof value === 'string' && value.trim().endsWith('%')) return parseDecimal(field, value.trim().slice(0, -1));
  return parseDecimal(field, value);
}

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `${field}: expected an object`, { field });
  }
  return value as Record<string, unknown>;
}

export function requireArray(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `${field}: expected an array`, { field });
  return value;
}

export function requireText(field: string, value: unknown, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim() === '') throw AdapterException.invalidField(field, 'must be a non-empty string', value);
  if (pattern && !pattern.test(value)) throw AdapterException.invalidField(field, `must match ${pattern}`, value);
  return value;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
