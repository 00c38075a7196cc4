import { AdapterExceptionCode } from '../adapter.exception';
import { parseDurationSeconds, parseEpoch, parseIsoDate, parseIsoInstant, wallClockInstants, wallClockToUtc } from './time.util';

describe('parseEpoch (seconds or milliseconds, by magnitude)', () => {
  it.each([
    [1735514828279, 'ms', '2024-12-29T23:27:08.279Z'],
    [1735514828, 's', '2024-12-29T23:27:08.000Z'],
    ['1734312810', 's', '2024-12-16T01:33:30.000Z'],
    [1231006505, 's', '2009-01-03T18:15:05.000Z'],
  ])('reads %p as %s', (input, unit, iso) => {
    const parsed = parseEpoch('t', input);
    expect(parsed.unit).toBe(unit);
    expect(parsed.date.toISOString()).toBe(iso);
  });

  it.each([0, 811481279, 1e17, -1, 'soon'])('refuses %p, naming the field', (input) => {
    expect(() => parseEpoch('estimatedRetargetDate', input)).toThrow(expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: 'estimatedRetargetDate' }));
  });
});

describe('parseDurationSeconds', () => {
  it('tells seconds from milliseconds by the expected range', () => {
    expect(parseDurationSeconds('timeAvg', 596239, 60, 3600)).toBe(596.239);
    expect(parseDurationSeconds('timeAvg', 596, 60, 3600)).toBe(596);
    expect(() => parseDurationSeconds('timeAvg', 5, 60, 3600)).toThrow(expect.objectContaining({ field: 'timeAvg' }));
  });
});

describe('parseIsoInstant and parseIsoDate', () => {
  it('needs a zone, truncates sub-millisecond digits', () => {
    expect(parseIsoInstant('time', '2024-12-20T14:02:25.417362Z').toISOString()).toBe('2024-12-20T14:02:25.417Z');
    expect(parseIsoInstant('time', '2026-01-30T00:00:00.000000000Z').toISOString()).toBe('2026-01-30T00:00:00.000Z');
    expect(parseIsoInstant('time', '2024-12-20T08:02:25-06:00').toISOString()).toBe('2024-12-20T14:02:25.000Z');
    expect(() => parseIsoInstant('time', '2024-12-20T14:02:25')).toThrow(expect.objectContaining({ field: 'time' }));
    expect(() => parseIsoInstant('time', '2024-02-30T00:00:00Z')).toThrow(expect.objectContaining({ field: 'time' }));
  });

  it('refuses dates that do not exist', () => {
    expect(parseIsoDate('d', '2024-02-29')).toBe('2024-02-29');
    expect(() => parseIsoDate('d', '2023-02-29')).toThrow(expect.objectContaining({ field: 'd' }));
  });
});

describe('wall-clock time in America/Chicago', () => {
  it('maps an ordinary time to one instant', () => {
    expect(wallClockInstants({ date: '2024-07-01', hour: 12, minute: 0 }, 'America/Chicago').map((d) => d.toISOString())).toEqual(['2024-07-01T17:00:00.000Z']);
  });

  it('maps a time in the fall-back hour to two instants, an hour apart (CDT, then CST)', () => {
    expect(wallClockInstants({ date: '2024-11-03', hour: 1, minute: 30 }, 'America/Chicago').map((d) => d.toISOString())).toEqual(['2024-11-03T06:30:00.000Z', '2024-11-03T07:30:00.000Z']);
    expect(wallClockToUtc('he', { date: '2024-11-03', hour: 1, minute: 30 }, 'America/Chicago', 'later').toISOString()).toBe('2024-11-03T07:30:00.000Z');
  });

  it('maps a time in the spring-forward gap to none, and refuses it naming the field', () => {
    expect(wallClockInstants({ date: '2024-03-10', hour: 2, minute: 30 }, 'America/Chicago')).toEqual([]);
    expect(() => wallClockToUtc('hourEnding', { date: '2024-03-10', hour: 2, minute: 0 }, 'America/Chicago', 'earlier')).toThrow(expect.objectContaining({ field: 'hourEnding' }));
  });
});
