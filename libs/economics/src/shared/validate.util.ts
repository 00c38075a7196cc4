import { EconomicsInputError, EconomicsInputErrorCode as Code } from './economics-input.error';

export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EconomicsInputError(field, Code.NOT_FINITE, 'must be a finite number');
  }
  return value;
}

export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= 0) throw new EconomicsInputError(field, Code.NOT_POSITIVE, 'must be greater than 0');
  return value;
}

export function requireNonNegative(field: string, value: number): number {
  requireFinite(field, value);
  if (value < 0) throw new EconomicsInputError(field, Code.NEGATIVE, 'must be 0 or more');
  return value;
}

export function requireNonNegativeInteger(field: string, value: number): number {
  requireNonNegative(field, value);
  if (!Number.isSafeInteger(value)) throw new EconomicsInputError(field, Code.NOT_INTEGER, 'must be a whole number');
  return value;
}

/** A share or probability: 0 ≤ x ≤ 1 (or < 1 when `exclusiveMax`). */
export function requireFraction(field: string, value: number, exclusiveMax = false): number {
  requireFinite(field, value);
  if (value < 0 || value > 1 || (exclusiveMax && value === 1)) {
    throw new EconomicsInputError(field, Code.OUT_OF_RANGE, `must be between 0 and 1${exclusiveMax ? ' (1 excluded)' : ''}, as a ratio not a percent`);
  }
  return value;
}

/** At most one of several alternative inputs (e.g. fees per block vs fee share) may be given. */
export function requireAtMostOne(fields: Readonly<Record<string, unknown>>): string | undefined {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined).map(([field]) => field);
  if (given.length > 1) {
    throw new EconomicsInputError(given[1], Code.CONFLICT, `cannot be combined with ${given[0]} (give one of ${Object.keys(fields).join(', ')})`);
  }
  return given[0];
}

/** A whole number within [min, max]. */
export function requireIntegerInRange(field: string, value: number, min: number, max: number): number {
  requireFinite(field, value);
  if (!Number.isSafeInteger(value)) throw new EconomicsInputError(field, Code.NOT_INTEGER, 'must be a whole number');
  if (value < min || value > max) throw new EconomicsInputError(field, Code.OUT_OF_RANGE, `must be between ${min} and ${max}`);
  return value;
}
