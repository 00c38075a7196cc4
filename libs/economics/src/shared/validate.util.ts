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
