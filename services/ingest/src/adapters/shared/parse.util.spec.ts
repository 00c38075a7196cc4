import { AdapterExceptionCode } from '../adapter.exception';
import { divideRoundHalfUp, median, parseDecimal, parseInteger, parsePercentText, parseSats, scaleDecimal } from './parse.util';

const refused = (field: string) => expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field });

describe('parseDecimal', () => {
  it.each([
    ['67187.33', 67187.33],
    [' 42 ', 42],
    ['-1.5e3', -1500],
    ['.5', 0.5],
    ['5.', 5],
    [1.311748254e9, 1311748254],
  ])('reads %p as %p', (input, expected) => {
    expect(parseDecimal('f', input)).toBe(expected);
  });

  it.each([
    { input: '', why: 'blank' },
    { input: 'NaN', why: 'NaN text' },
    { input: 'Infinity', why: 'Infinity text' },
    { input: '1,234.5', why: 'a thousands separator' },
    { input: '12abc', why: 'trailing text' },
    { input: '0x10', why: 'hex' },
    { input: null, why: 'null' },
    { input: undefined, why: 'missing' },
    { input: true, why: 'a boolean' },
    { input: Number.NaN, why: 'a NaN number' },
    { input: Number.POSITIVE_INFINITY, why: 'infinity' },
  ])('refuses $input ($why), naming the field', ({ input }) => {
    expect(() => parseDecimal('data.amount', input)).toThrow(refused('data.amount'));
  });
});

describe('scaleDecimal', () => {
  it('shifts the decimal digits exactly instead of multiplying floats', () => {
    expect(scaleDecimal('price', '7.14', -2)).toBe(0.0714);
    expect(7.14 / 100).toBe(0.07139999999999999); // what naive float division gives
    expect(scaleDecimal('price', '6.37', -2)).toBe(0.0637);
    expect(scaleDecimal('h', 236499762108771800000, -18)).toBe(236.4997621087718);
    expect(scaleDecimal('x', '-0.5', 3)).toBe(-500);
  });

  it('refuses what parseDecimal refuses', () => {
    expect(() => scaleDecimal('price', '6,37', -2)).toThrow(refused('price'));
  });
});

describe('parseSats and divideRoundHalfUp', () => {
  it('reads satoshi strings exactly, beyond 2^53', () => {
    expect(parseSats('totalFee', '1311748254')).toBe(1311748254n);
    expect(parseSats('totalFee', '9007199254740993')).toBe(9007199254740993n);
  });

  it.each(['1.5', '-1', '', '1e9', 'abc'])('refuses %p', (input) => {
    expect(() => parseSats('totalFee', input)).toThrow(refused('totalFee'));
  });

  it('rounds half up', () => {
    expect(divideRoundHalfUp(1654321987n, 144n)).toBe(11488347n);
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(4n, 3n)).toBe(1n);
  });
});

describe('parseInteger, parsePercentText, median', () => {
  it('accepts integer strings within range and refuses fractions and out-of-range values', () => {
    expect(parseInteger('h', '875599')).toBe(875599);
    expect(() => parseInteger('h', '875599.5')).toThrow(refused('h'));
    expect(() => parseInteger('h', 5, 10, 20)).toThrow(refused('h'));
  });

  it('reads "1.2345%" and "-0.5%" as percents', () => {
    expect(parsePercentText('pct', '1.2345%')).toBe(1.2345);
    expect(parsePercentText('pct', '-0.5%')).toBe(-0.5);
    expect(() => parsePercentText('pct', '%')).toThrow(refused('pct'));
  });

  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
