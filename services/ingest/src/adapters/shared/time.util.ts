import { AdapterException } from '../adapter.exception';
import { parseDecimal } from './parse.util';

/** Unix times below this are seconds, at or above it milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const MILLISECONDS_FROM = 1e11;
const EARLIEST = Date.UTC(2009, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export type EpochUnit = 's' | 'ms';

/**
 * A Unix time in seconds or milliseconds, told apart by magnitude (providers mix both, even inside
 * one payload: mempool's difficulty-adjustment). Must fall between 2009 and 2100.
 */
export function parseEpoch(field: string, value: unknown): { date: Date; unit: EpochUnit } {
  const raw = parseDecimal(field, value);
  const unit: EpochUnit = Math.abs(raw) >= MILLISECONDS_FROM ? 'ms' : 's';
  const ms = unit === 'ms' ? raw : raw * 1000;
  if (ms < EARLIEST || ms >= LATEST) {
    throw AdapterException.invalidField(field, 'must be a Unix time (seconds or milliseconds) between 2009 and 2100', value);
  }
  return { date: new Date(Math.round(ms)), unit };
}

export function epochToDate(field: string, value: unknown): Date {
  return parseEpoch(field, value).date;
}

/**
 * A duration given in seconds or milliseconds, told apart by an expected range in seconds
 * (e.g. a block interval of 60…3,600 s is 60,000…3,600,000 ms): the ranges must not overlap.
 */
export function parseDurationSeconds(field: string, value: unknown, minSeconds: number, maxSeconds: number): number {
  const raw = parseDecimal(field, value);
  if (raw >= minSeconds && raw <= maxSeconds) return raw;
  if (raw >= minSeconds * 1000 && raw <= maxSeconds * 1000) return raw / 1000;
  throw AdapterException.invalidField(field, `must be a duration of ${minSeconds}–${maxSeconds} s (in seconds or milliseconds)`, value);
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant with a zone (Z or ±hh:mm); fractions beyond milliseconds (Coinbase µs, Coin Metrics ns) are truncated. */
export function parseIsoInstant(field: string, value: unknown): Date {
  if (typeof value !== 'string') throw AdapterException.invalidField(field, 'must be an ISO 8601 timestamp', value);
  const parts = ISO_INSTANT.exec(value.trim());
  if (!parts) throw AdapterException.invalidField(field, 'must be an ISO 8601 timestamp with a time zone', value);
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = parts;
  const millis = fraction.slice(0, 3).padEnd(3, '0');
  const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${normalizedZone}`);
  if (Number.isNaN(date.getTime()) || !sameCalendarDate(Number(y), Number(mo), Number(d))) {
    throw AdapterException.invalidField(field, 'must be a real date and time', value);
  }
  return date;
}

/** A calendar date YYYY-MM-DD that exists. */
export function parseIsoDate(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw AdapterException.invalidField(field, 'must be a date YYYY-MM-DD', value);
  const [y, m, d] = value.split('-').map(Number);
  if (!sameCalendarDate(y, m, d)) throw AdapterException.invalidField(field, 'must be a real calendar date', value);
  return value;
}

/** 00:00 UTC of a YYYY-MM-DD date. */
export function utcMidnight(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const date = utcMidnight(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** An HTTP-date header (e.g. `Date`), or undefined when absent or unreadable. */
export function parseHttpDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function sameCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// ── Wall-clock time in a zone → UTC ─────────────────────────────────────────────

export interface WallClockTime {
  /** YYYY-MM-DD */
  date: string;
  /** 0–23 */
  hour: number;
  minute: number;
}

/**
 * What to do with a wall-clock time that happens twice (the fall-back hour): take the earlier
 * (daylight-time) or the later (standard-time) instant. A time that never happens (the
 * spring-forward gap) is always refused.
 */
export type AmbiguousTimeChoice = 'earlier' | 'later';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (e.g. −5 h for CDT). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(at))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in an IANA zone, DST included. Returns every instant the
 * wall time maps to, earliest first: one normally, two in the fall-back hour, none in the
 * spring-forward gap.
 */
export function wallClockInstants(wall: WallClockTime, timeZone: string): Date[] {
  const asUtc = utcMidnight(wall.date).getTime() + wall.hour * 3_600_000 + wall.minute * 60_000;
  const offsets = new Set([zoneOffsetMs(timeZone, asUtc - 86_400_000), zoneOffsetMs(timeZone, asUtc), zoneOffsetMs(timeZone, asUtc + 86_400_000)]);
  const instants = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((instant) => zoneOffsetMs(timeZone, instant) === asUtc - instant);
  return [...new Set(instants)].sort((a, b) => a - b).map((instant) => new Date(instant));
}

/** The one UTC instant of a wall-clock time; refuses a time in the spring-forward gap, naming `field`. */
export function wallClockToUtc(field: string, wall: WallClockTime, timeZone: string, ambiguous: AmbiguousTimeChoice): Date {
  const instants = wallClockInstants(wall, timeZone);
  const label = `${wall.date} ${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')} ${timeZone}`;
  if (instants.length === 0) throw AdapterException.invalidField(field, `names ${label}, a local time that does not exist (DST gap)`);
  return ambiguous === 'later' ? instants[instants.length - 1] : instants[0];
}
