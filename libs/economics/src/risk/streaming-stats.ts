import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';

/*
 * Statistics that stream: memory does not grow with the number of paths, and two partial results
 * merge into the one a single pass would give (so paths can be split across workers).
 *   - Moments: count, mean, M2 (Welford; merged with Chan et al.'s formula), min, max, per column.
 *   - Path sample: a bottom-k sample (Cohen & Kaplan 2007): every path carries a priority that is a
 *     hash of (seed, path index), and the sample keeps the k paths of smallest priority, with one
 *     row of values per path (terminal price, difficulty, each company's fair value). It is a uniform
 *     sample without replacement, exact (all paths) while paths ≤ k, and the kept set does not depend
 *     on how the paths were split or in which order they arrived. Quantiles, VaR and CVaR are read
 *     from it.
 * Everything is typed arrays in plain objects, so a worker can post it back (structured clone).
 */

export interface Moments {
  readonly columns: number;
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export function createMoments(columns: number): Moments {
  return {
    columns,
    count: new Float64Array(columns),
    mean: new Float64Array(columns),
    m2: new Float64Array(columns),
    min: new Float64Array(columns).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(columns).fill(Number.NEGATIVE_INFINITY),
  };
}

export function addToMoments(m: Moments, column: number, x: number): void {
  const n = m.count[column] + 1;
  const delta = x - m.mean[column];
  const mean = m.mean[column] + delta / n;
  m.count[column] = n;
  m.mean[column] = mean;
  m.m2[column] += delta * (x - mean);
  if (x < m.min[column]) m.min[column] = x;
  if (x > m.max[column]) m.max[column] = x;
}

/** a ← a ∪ b. */
export function mergeMomentsInto(a: Moments, b: Moments): void {
  for (let c = 0; c < a.columns; c += 1) {
    const nb = b.count[c];
    if (nb === 0) continue;
    const na = a.count[c];
    const n = na + nb;
    const delta = b.mean[c] - a.mean[c];
    a.mean[c] += (delta * nb) / n;
    a.m2[c] += b.m2[c] + (delta * delta * na * nb) / n;
    a.count[c] = n;
    if (b.min[c] < a.min[c]) a.min[c] = b.min[c];
    if (b.max[c] > a.max[c]) a.max[c] = b.max[c];
  }
}

export function momentsStdDev(m: Moments, column: number): number {
  return m.count[column] > 1 ? Math.sqrt(m.m2[column] / (m.count[column] - 1)) : 0;
}

export interface PathSample {
  readonly capacity: number;
  /** Values per kept path. */
  readonly width: number;
  size: number;
  /** Max-heap of priorities (root = the largest kept). */
  readonly heapPriority: Float64Array;
  /** The value row (slot) of each heap entry. */
  readonly heapSlot: Int32Array;
  /** capacity × width values, by slot. */
  readonly values: Float64Array;
}

export function createPathSample(capacity: number, width: number): PathSample {
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new EconomicsInputError('sampleSize', Code.OUT_OF_RANGE, 'must be a whole number ≥ 1');
  return { capacity, width, size: 0, heapPriority: new Float64Array(capacity), heapSlot: new Int32Array(capacity), values: new Float64Array(capacity * width) };
}

/** Offers a path; returns the slot whose `width` values the caller must write, or −1 when not kept. */
export function offerPath(s: PathSample, priority: number): number {
  const heap = s.heapPriority;
  const slots = s.heapSlot;
  if (s.size < s.capacity) {
    let i = s.size;
    const slot = s.size;
    s.size += 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] >= priority) break;
      heap[i] = heap[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    heap[i] = priority;
    slots[i] = slot;
    return slot;
  }
  if (priority >= heap[0]) return -1;
  const slot = slots[0];
  const n = s.size;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && heap[right] > heap[left] ? right : left;
    if (heap[child] <= priority) break;
    heap[i] = heap[child];
    slots[i] = slots[child];
    i = child;
  }
  heap[i] = priority;
  slots[i] = slot;
  return slot;
}

/** a ← the k smallest-priority paths of a ∪ b. */
export function mergePathSampleInto(a: PathSample, b: PathSample): void {
  for (let i = 0; i < b.size; i += 1) {
    const slot = offerPath(a, b.heapPriority[i]);
    if (slot < 0) continue;
    const from = b.heapSlot[i] * b.width;
    a.values.set(b.values.subarray(from, from + b.width), slot * a.width);
  }
}

/** One column of the sample, sorted ascending. */
export function sortedSampleColumn(s: PathSample, column: number): Float64Array {
  const out = new Float64Array(s.size);
  for (let i = 0; i < s.size; i += 1) out[i] = s.values[s.heapSlot[i] * s.width + column];
  return out.sort();
}

/** The q-quantile of sorted values, linear between order statistics (Hyndman & Fan type 7, numpy's default). */
export function quantileOfSorted(sorted: Float64Array | readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean of the lowest ⌈(1 − confidence)·n⌉ sorted values: the expected value in the worst (1 − confidence) tail. */
export function lowerTailMeanOfSorted(sorted: Float64Array | readonly number[], confidence: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const k = Math.max(1, Math.ceil((1 - confidence) * n - 1e-9));
  let sum = 0;
  for (let i = 0; i < k; i += 1) sum += sorted[i];
  return sum / k;
}
