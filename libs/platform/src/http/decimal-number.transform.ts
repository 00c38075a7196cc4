import { Transform } from 'class-transformer';

/**
 * Every object of a JSON body, marked by InputShapePipe before the validators run: in JSON a number is
 * a number, so a string there is never converted (a query string has no other way to send one).
 */
export const JSON_BODY_OBJECTS = new WeakSet<object>();

/** A plain decimal as a query string writes it: 12, -3.5, 1e12. Not hex, not blank, not a boolean. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Converts a decimal string (a query parameter) to its number and leaves everything else as it came,
 * so the validators see it: `true`, `"0x10"` or `""` stay non-numbers and get a 400 naming the field,
 * where class-transformer's Number() would have read them as 1, 16 and 0. Inside a JSON body nothing is
 * converted: `"12"` there is a string and is refused as one.
 */
export function ToDecimalNumber(): PropertyDecorator {
  return Transform(({ value, obj }) => (typeof value === 'string' && DECIMAL.test(value) && !(typeof obj === 'object' && obj !== null && JSON_BODY_OBJECTS.has(obj)) ? Number(value) : value));
}
