import { formatBtcPerPhDay, formatCompact, formatDay, formatDifficulty, formatInstant, formatNumber, formatRatioPct, formatSignedPct, formatUsd, formatValue, MISSING } from './format';

describe('console formatting', () => {
  it('shows unknown values as an en dash, never as 0 or NaN', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(value)).toBe(MISSING);
      expect(formatUsd(value)).toBe(MISSING);
      expect(formatRatioPct(value)).toBe(MISSING);
    }
    expect(formatDay('not a date')).toBe(MISSING);
    expect(formatValue(null, 'usd')).toBe(MISSING);
  });

  it('writes USD in cents below 1,000, whole dollars above, compact from a million', () => {
    expect(formatUsd(37.1616)).toBe('$37.16');
    expect(formatUsd(87133.51)).toBe('$87,134');
    expect(formatUsd(3_626_746_200)).toBe('$3.63B');
    expect(formatUsd(-495_400_000)).toBe('−$495.40M');
    expect(formatCompact(119_062_593)).toBe('119.06M');
  });

  it('writes ratios as percents and signed percent changes', () => {
    expect(formatRatioPct(0.5272)).toBe('52.7 %');
    expect(formatSignedPct(-2.4317)).toBe('−2.43 %');
    expect(formatSignedPct(3)).toBe('+3.00 %');
  });

  it('writes the network units the desk reads: sats per PH/day, difficulty in T, UTC days', () => {
    expect(formatBtcPerPhDay(0.00042649)).toBe('42,649 sats');
    expect(formatDifficulty(148_258_433_239_342)).toBe('148.26 T');
    expect(formatDay('2025-12-29T23:59:59Z')).toBe('2025-12-29');
    expect(formatInstant('2025-12-11T05:33:58.877Z')).toBe('2025-12-11 05:33 UTC');
  });

  it('formats a table cell by its column kind', () => {
    expect(formatValue(26.3, 'ehs')).toBe('26.3 EH/s');
    expect(formatValue(0.7875, 'multiple')).toBe('0.79×');
    expect(formatValue(14.25, 'months')).toBe('14.3 mo');
    expect(formatValue('2024-06-30T23:59:59.000Z', 'day')).toBe('2024-06-30');
    expect(formatValue(3.2e9, 'usdCompact')).toBe('$3.20B');
  });
});
