import { EconomicsInputError, EconomicsInputErrorCode as Code } from './economics-input.error';
import { requireFinite, requireIntegerInRange, requirePositive } from './validate.util';

/*
 * Bisection on a bracket: slow (one bit per step) but it cannot diverge, which matters more for a
 * rate of return than speed. The caller finds the bracket; `signChanges` helps it scan for one.
 */

export interface BisectOptions {
  /** Stop when the bracket is narrower than this, in x units. Default 1e-12. */
  readonly tolerance?: number;
  /** Default 200 (2^-200 of any finite bracket is far below the tolerance). */
  readonly maxIterations?: number;
}

/** A root of `f` in [lo, hi]; null when f(lo) and f(hi) have the same sign (no bracket). */
export function bisectRoot(f: (x: number) => number, lo: number, hi: number, options: BisectOptions = {}): number | null {
  requireFinite('lo', lo);
  requireFinite('hi', hi);
  if (!(lo < hi)) throw new EconomicsInputError('hi', Code.OUT_OF_RANGE, 'must be greater than lo');
  const tolerance = requirePositive('tolerance', options.tolerance ?? 1e-12);
  const maxIterations = requireIntegerInRange('maxIterations', options.maxIterations ?? 200, 1, 10_000);
  let fLo = f(lo);
  const fHi = f(hi);
  if (fLo === 0) return lo;
  if (fHi === 0) return hi;
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi) || Math.sign(fLo) === Math.sign(fHi)) return null;
  let a = lo;
  let b = hi;
  for (let i = 0; i < maxIterations && b - a > tolerance; i += 1) {
    const mid = a + (b - a) / 2;
    const fMid = f(mid);
    if (fMid === 0) return mid;
    if (Math.sign(fMid) === Math.sign(fLo)) {
      a = mid;
      fLo = fMid;
    } else {
      b = mid;
    }
  }
  return a + (b - a) / 2;
}

/** Sub-intervals [grid[i], grid[i+1]] of an increasing grid over which `f` changes sign (or hits 0 at the right end). */
export function signChangeBrackets(f: (x: number) => number, grid: readonly number[]): Array<[number, number]> {
  const brackets: Array<[number, number]> = [];
  let previous = f(grid[0]);
  for (let i = 1; i < grid.length; i += 1) {
    const current = f(grid[i]);
    if (Number.isFinite(previous) && Number.isFinite(current) && (current === 0 || Math.sign(current) === -Math.sign(previous))) {
      brackets.push([grid[i - 1], grid[i]]);
    }
    previous = current;
  }
  return brackets;
}
