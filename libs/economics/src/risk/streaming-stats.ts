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
    const to = slot * a.width;
    for (let j = 0; j < b.width; j += 1) a.values[to + j] = b.values[from + j]; // a plain loop: a subarray per row allocates
  }
}

/** One column of the sample, sorted ascending. */
export function sortedSampleColumn(s: PathSample, column: number): Float64Array {
  const out = new Float64Array(s.size);
  for (let i = 0; i < s.size; i += 1) out[i] = s.values[s.heapSlot[i] * s.width + column];
  return out.sort();
}

/**
 * One column of the sample with only the order statistics that will be read put in place (a partial
 * sort): every position quantileOfSorted(·, q) reads for q in `probabilities`, and for each k in
 * `lowestCounts` the k smallest values in positions 0 … k − 1, sorted. Reading those positions gives
 * exactly what a full sort gives (values and floating-point sums alike), at about a third of the cost;
 * other positions are in no particular order. A column holding NaN is sorted in full.
 */
export function selectedSampleColumn(s: PathSample, column: number, probabilities: readonly number[], lowestCounts: readonly number[] = []): Float64Array {
  const out = new Float64Array(s.size);
  for (let i = 0; i < s.size; i += 1) out[i] = s.values[s.heapSlot[i] * s.width + column];
  return selectOrderStatisticsInPlace(out, probabilities, lowestCounts);
}

/**
 * Every column of the sample at once, in kept-path order: one pass over the rows (reading one column
 * at a time strides through the whole sample for each).
 */
export function sampleColumns(s: PathSample): Float64Array[] {
  const width = s.width;
  const columns = Array.from({ length: width }, () => new Float64Array(s.size));
  for (let i = 0; i < s.size; i += 1) {
    const from = s.heapSlot[i] * width;
    for (let c = 0; c < width; c += 1) columns[c][i] = s.values[from + c];
  }
  return columns;
}

/** As selectedSampleColumn, on values already extracted (reordered in place and returned). */
export function selectOrderStatisticsInPlace(out: Float64Array, probabilities: readonly number[], lowestCounts: readonly number[] = []): Float64Array {
  const n = out.length;
  if (n < 2) return out;
  for (let i = 0; i < n; i += 1) if (out[i] !== out[i]) return out.sort(); // NaN: the partitions below assume an order
  const wanted = new Set<number>();
  for (const q of probabilities) {
    const h = (n - 1) * q;
    wanted.add(Math.floor(h));
    wanted.add(Math.min(n - 1, Math.floor(h) + 1));
  }
  let prefix = 0;
  for (const k of lowestCounts) {
    const count = Math.min(n, Math.max(0, k));
    if (count > 0) wanted.add(count - 1);
    prefix = Math.max(prefix, count);
  }
  const indices = Int32Array.from([...wanted].filter((i) => i >= 0 && i < n)).sort();
  selectOrderStatistics(out, 0, n - 1, indices, 0, indices.length - 1);
  if (prefix > 1) out.subarray(0, prefix).sort();
  return out;
}

/** Puts a[k] in its sorted place for every k of ks[kl … kh] (ascending) within a[lo … hi]: quickselect on the middle one, then each side. */
function selectOrderStatistics(a: Float64Array, lo: number, hi: number, ks: Int32Array, kl: number, kh: number): void {
  while (kl <= kh && lo < hi) {
    const m = (kl + kh) >> 1;
    const k = ks[m];
    selectOne(a, lo, hi, k);
    // the left part recursively, the right part in this loop
    selectOrderStatistics(a, lo, k - 1, ks, kl, m - 1);
    lo = k + 1;
    kl = m + 1;
  }
}

/** Hoare quickselect with a median-of-three pivot: a[k] becomes the value a full sort of a[lo … hi] puts there. */
function selectOne(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i += 1;
      while (a[j] > pivot) j -= 1;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** How many of n values lowerTailMeanOfSorted averages at this confidence: ⌈(1 − confidence)·n⌉, at least 1. */
export function lowerTailCount(n: number, confidence: number): number {
  return Math.max(1, Math.ceil((1 - confidence) * n - 1e-9));
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
  const k = lowerTailCount(n, confidence);
  let sum = 0;
  for (let i = 0; i < k; i += 1) sum += sorted[i];
  return sum / k;
}
