import { nested } from './bad-values';
import { stringifyDeep } from './deep-json';

describe('stringifyDeep', () => {
  it.each([
    [{ a: 1, b: [true, null, 'x\u0000'], c: { d: [] }, e: {} }],
    [[1, [2, [3]], { k: '\ud800' }]],
    ['text'],
    [Object.defineProperty({ x: 1 }, '__proto__', { value: 2, enumerable: true })],
  ])('writes what JSON.stringify writes for %j', (value) => {
    expect(stringifyDeep(value)).toBe(JSON.stringify(value));
  });

  it('writes 100,000 levels, which JSON.stringify cannot', () => {
    const text = stringifyDeep(nested(100_000, true));
    expect(text).toBe(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
    expect(() => JSON.stringify(nested(100_000, true))).toThrow(RangeError);
  });
});
