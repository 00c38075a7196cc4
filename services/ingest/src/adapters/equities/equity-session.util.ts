import { AdapterException } from '../adapter.exception';
import { wallClockToUtc } from '../shared/time.util';

export const NEW_YORK = 'America/New_York';

/** The regular session's close (16:00 America/New_York, EST or EDT) of a trading day, in UTC. Half-day closes are not modelled. */
export function sessionCloseUtc(field: string, tradingDay: string): Date {
  return wallClockToUtc(field, { date: tradingDay, hour: 16, minute: 0 }, NEW_YORK, 'earlier');
}

/**
 * A day's change in percent, checked against price and previous close. A provider that sends the
 * ratio (0.0498) where the percent belongs (4.98) is refused, naming the field; a small
 * disagreement (a different previous close) is accepted as reported.
 */
export function checkChangePct(field: string, reportedPct: number, priceUsd: number, previousCloseUsd: number): number {
  const computedPct = ((priceUsd - previousCloseUsd) / previousCloseUsd) * 100;
  const tolerance = Math.max(0.02, Math.abs(computedPct) * 0.01);
  if (Math.abs(reportedPct - computedPct) <= tolerance) return reportedPct;
  if (Math.abs(reportedPct * 100 - computedPct) <= tolerance) {
    throw AdapterException.invalidField(field, `is a ratio, expected a percent (price and previous close imply ${computedPct.toFixed(4)} %)`, reportedPct);
  }
  return reportedPct;
}
