import { EconomicsInputError } from './economics-input.error';
import { bisectRoot, signChangeBrackets } from './root-finding.util';

describe('bisection on a bracket', () => {
  it('given x² − 2 on [0, 2], when bisected, then the root is √2 = 1.41421356…', () => {
    expect(bisectRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 11);
  });

  it('given a root at an end of the bracket, when bisected, then that end is returned', () => {
    expect(bisectRoot((x) => x - 3, 3, 5)).toBe(3);
  });

  it('given no sign change (x² + 1 > 0 everywhere), when bisected, then null', () => {
    expect(bisectRoot((x) => x * x + 1, -1, 1)).toBeNull();
  });

  it('given hi ≤ lo, when bisected, then the error names hi', () => {
    expect(() => bisectRoot((x) => x, 1, 1)).toThrow(EconomicsInputError);
    expect(() => bisectRoot((x) => x, 1, 1)).toThrow('hi: must be greater than lo');
  });

  it('given (x − 1)(x − 3) scanned on 0, 2, 4, when brackets are listed, then [0, 2] and [2, 4]', () => {
    // f(0) = 3, f(2) = −1, f(4) = 3: two sign changes
    expect(signChangeBrackets((x) => (x - 1) * (x - 3), [0, 2, 4])).toEqual([[0, 2], [2, 4]]);
  });
});
