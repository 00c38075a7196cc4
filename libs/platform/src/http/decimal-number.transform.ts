import { Transform } from 'class-transformer';

/** A plain decimal as a query string writes it: 12, -3.5, 1e12. Not hex, not blank, not a boolean. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Converts a decimal string (a query parameter) to its number and leaves everything else as it came,
 * so the validators see it: `true`, `"0x10"` or `""` stay non-numbers and get a 400 naming the field,
 * where class-transformer's Number() would have read them as 1, 16 and 0.
 */
export function ToDecimalNumber(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value));
}
