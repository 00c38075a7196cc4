import { ValidateBy, type ValidationOptions } from 'class-validator';

const ZONED_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 timestamp with its zone (Z or ±hh:mm) whose calendar day exists: 2015-02-30 is refused,
 * never rolled over to March, and a time without a zone is refused, never read as local time.
 */
export function isZonedTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ZONED_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  return hour < 24 && minute < 60 && second < 60 && !Number.isNaN(Date.parse(value));
}

export function IsZonedTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isZonedTimestamp', validator: { validate: isZonedTimestamp, defaultMessage: () => 'must be an ISO 8601 timestamp with a zone (Z or ±hh:mm) on a real calendar day' } },
    options,
  );
}
