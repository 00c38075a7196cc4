import { isZonedTimestamp } from './zoned-timestamp.validator';

describe('isZonedTimestamp', () => {
  it.each(['2025-12-29T23:59:59Z', '2025-12-29T23:59:59.123Z', '2025-12-29T18:59:59-05:00', '2024-02-29T00:00Z'])('accepts %s', (value) => {
    expect(isZonedTimestamp(value)).toBe(true);
  });

  it.each([
    ['2015-02-30T00:00:00Z', 'a day that does not exist'],
    ['2025-12-29T23:59:59', 'no zone'],
    ['2025-12-29', 'no time'],
    ['2025-12-29T24:00:00Z', 'hour 24'],
    ['2023-02-29T00:00:00Z', 'not a leap year'],
    [1_767_052_799_000, 'a number'],
  ] as Array<[unknown, string]>)('refuses %s (%s)', (value) => {
    expect(isZonedTimestamp(value)).toBe(false);
  });
});
