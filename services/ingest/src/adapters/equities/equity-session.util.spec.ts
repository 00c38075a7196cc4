import { AdapterExceptionCode } from '../adapter.exception';
import { checkChangePct, sessionCloseUtc } from './equity-session.util';

describe('sessionCloseUtc', () => {
  it.each([
    ['2024-12-20', '2024-12-20T21:00:00.000Z'], // EST, UTC−5
    ['2024-07-19', '2024-07-19T20:00:00.000Z'], // EDT, UTC−4
    ['2024-03-08', '2024-03-08T21:00:00.000Z'], // the Friday before spring-forward
    ['2024-03-11', '2024-03-11T20:00:00.000Z'], // the Monday after
  ])('closes %s at 16:00 New York = %s', (day, utc) => {
    expect(sessionCloseUtc('day', day).toISOString()).toBe(utc);
  });
});

describe('checkChangePct', () => {
  it('accepts a percent that matches price and previous close', () => {
    expect(checkChangePct('dp', 4.9794, 22.98, 21.89)).toBe(4.9794);
  });

  it('refuses a ratio sent as the percent, naming the field', () => {
    expect(() => checkChangePct('dp', 0.049794, 22.98, 21.89)).toThrow(expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: 'dp' }));
  });

  it('accepts a small disagreement as reported (another previous close)', () => {
    expect(checkChangePct('dp', 5.2, 22.98, 21.89)).toBe(5.2);
  });
});
