// Display formatting: one place, so a table cell, a tooltip and a CSV header agree. Unknown values show as an en dash.
export const MISSING = '–';

const isKnown = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** 1234.5 → "1,234.50"; `digits` fixed decimals. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (!isKnown(value)) return MISSING;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Large amounts in thousands, millions, billions, trillions: 3.63e9 → "3.63B". */
export function formatCompact(value: number | null | undefined, digits = 2): string {
  if (!isKnown(value)) return MISSING;
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  const [scale, suffix] = units.find(([s]) => Math.abs(value) >= s) ?? [1, ''];
  return `${(value / scale).toFixed(digits)}${suffix}`;
}

/** USD: whole dollars from 1,000 up, cents below, compact from a million up. */
export function formatUsd(value: number | null | undefined): string {
  if (!isKnown(value)) return MISSING;
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${sign}$${formatCompact(abs)}`;
  return `${sign}$${formatNumber(abs, abs >= 1000 ? 0 : 2)}`;
}

/** A ratio as a percent: 0.527 → "52.7 %". */
export function formatRatioPct(ratio: number | null | undefined, digits = 1): string {
  if (!isKnown(ratio)) return MISSING;
  return `${(ratio * 100).toFixed(digits)} %`;
}

/** A percent already in percent units, signed: −2.43 → "−2.43 %". */
export function formatSignedPct(pct: number | null | undefined, digits = 2): string {
  if (!isKnown(pct)) return MISSING;
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(digits)} %`;
}

/** Hashprice in BTC per PH/day, in sats when small: 0.000426 → "42,649 sats". */
export function formatBtcPerPhDay(btc: number | null | undefined): string {
  if (!isKnown(btc)) return MISSING;
  return `${formatNumber(btc * 1e8, 0)} sats`;
}

/** Difficulty in T (10^12): 148258433239342 → "148.26 T". */
export function formatDifficulty(value: number | null | undefined): string {
  if (!isKnown(value)) return MISSING;
  return `${(value / 1e12).toFixed(2)} T`;
}

/** An ISO instant as its UTC day: "2025-12-29T23:59:59Z" → "2025-12-29". */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? MISSING : new Date(time).toISOString().slice(0, 10);
}

/** An ISO instant to the minute, UTC. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? MISSING : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export type ValueKind = 'usd' | 'usdCompact' | 'ratioPct' | 'number' | 'ehs' | 'months' | 'text' | 'day' | 'multiple';

/** A value by the kind of its column. */
export function formatValue(value: unknown, kind: ValueKind): string {
  if (value === null || value === undefined) return MISSING;
  if (kind === 'text') return String(value);
  if (kind === 'day') return formatDay(String(value));
  const n = typeof value === 'number' ? value : Number.NaN;
  switch (kind) {
    case 'usd': return formatUsd(n);
    case 'usdCompact': return isKnown(n) ? `$${formatCompact(n)}` : MISSING;
    case 'ratioPct': return formatRatioPct(n);
    case 'ehs': return isKnown(n) ? `${formatNumber(n, 1)} EH/s` : MISSING;
    case 'months': return isKnown(n) ? `${formatNumber(n, 1)} mo` : MISSING;
    case 'multiple': return isKnown(n) ? `${formatNumber(n, 2)}×` : MISSING;
    default: return formatNumber(n, 2);
  }
}
