import type { CliFlagValues } from './cli-command.interface';
import { optionalStringFlag } from './cli-flags.util';
import { CliUsageError } from './cli-usage.error';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day YYYY-MM-DD (2015-02-30 is refused, not rolled over). */
export function dayFlag(flags: CliFlagValues, name: string): string | undefined {
  const raw = optionalStringFlag(flags, name);
  if (raw === undefined) return undefined;
  const parsed = new Date(`${raw}T00:00:00Z`);
  if (!ISO_DAY.test(raw) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== raw) {
    throw new CliUsageError(name, `must be a real date YYYY-MM-DD, got '${raw}'`);
  }
  return raw;
}

/** A point in time: a day (its 00:00Z) or an ISO time with a zone. */
export function instantFlag(flags: CliFlagValues, name: string): Date | undefined {
  const raw = optionalStringFlag(flags, name);
  if (raw === undefined) return undefined;
  if (ISO_DAY.test(raw)) return new Date(`${dayFlag(flags, name)}T00:00:00Z`);
  const parsed = new Date(raw);
  if (!ISO_TIME.test(raw) || Number.isNaN(parsed.getTime())) throw new CliUsageError(name, `must be YYYY-MM-DD or an ISO time with a zone (2024-08-01T12:00:00Z), got '${raw}'`);
  return parsed;
}

/**
 * The last publication day whose sources are known at `at`: a source published on day D is used
 * from D+1 00:00Z (its time of day is not recorded), so D ≤ the day of (at − 24 h).
 */
export function lastPublicationDayKnownAt(at: Date): string {
  return new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);
}
