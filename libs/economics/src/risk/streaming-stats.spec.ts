import fc from 'fast-check';
import { addToMoments, createMoments, createPathSample, lowerTailCount, lowerTailMeanOfSorted, mergeMomentsInto, mergePathSampleInto, momentsStdDev, offerPath, quantileOfSorted, sampleColumns, selectedSampleColumn, sortedSampleColumn } from './streaming-stats';
import { streamUniform } from './seeded-random';

function sampleOf(values: readonly number[], capacity: number, from = 0, to = values.length) {
  const s = createPathSample(capacity, 1);
  for (let i = from; i < to; i += 1) {
    const slot = offerPath(s, streamUniform(1, i));
    if (slot >= 0) s.values[slot] = values[i];
  }
  return s;
}

describe('streaming statistics', () => {
  it('given values split in two, when the moments are merged, then they equal one pass (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }), fc.nat(), (values, cut) => {
        const k = cut % values.length;
        const whole = createMoments(1);
        const a = createMoments(1);
        const b = createMoments(1);
        values.forEach((v, i) => {
          addToMoments(whole, 0, v);
          addToMoments(i < k ? a : b, 0, v);
        });
        mergeMomentsInto(a, b);
        expect(a.count[0]).toBe(whole.count[0]);
        expect(a.mean[0]).toBeCloseTo(whole.mean[0], 6);
        expect(momentsStdDev(a, 0)).toBeCloseTo(momentsStdDev(whole, 0), 4);
        expect([a.min[0], a.max[0]]).toEqual([whole.min[0], whole.max[0]]);
      }),
    );
  });

  it('given paths split at any point, when the bottom-k samples are merged, then the kept values are those of one pass (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 64 }), fc.nat(), (values, capacity, cut) => {
        const k = cut % (values.length + 1);
        const whole = sampleOf(values, capacity);
        const merged = sampleOf(values, capacity, 0, k);
        mergePathSampleInto(merged, sampleOf(values, capacity, k));
        expect(Array.from(sortedSampleColumn(merged, 0))).toEqual(Array.from(sortedSampleColumn(whole, 0)));
      }),
    );
  });

  it('given fewer paths than the capacity, then the sample holds every value', () => {
    const values = [5, 3, 9, 1];
    expect(Array.from(sortedSampleColumn(sampleOf(values, 10), 0))).toEqual([1, 3, 5, 9]);
  });

  it('given sorted values 1…100, then quantiles follow type 7 (numpy) and the 95 % lower-tail mean is the mean of the 5 lowest', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileOfSorted(sorted, 0.05)).toBeCloseTo(5.95, 12);
    expect(quantileOfSorted(sorted, 0.5)).toBeCloseTo(50.5, 12);
    expect(lowerTailMeanOfSorted(sorted, 0.95)).toBe(3);
    expect(lowerTailMeanOfSorted(sorted, 0.99)).toBe(1);
  });

  it('given any values (repeats, ±∞, NaN), when only the needed order statistics are selected, then every quantile and lower-tail mean equals the full sort’s (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, 1, Infinity, -Infinity), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), fc.boolean(), (values, probabilities, withNaN) => {
        const all = withNaN ? [...values, Number.NaN] : values;
        const sample = sampleOf(all, all.length);
        const sorted = sortedSampleColumn(sample, 0);
        const confidences = [0.95, 0.99, 0.5];
        const selected = selectedSampleColumn(sample, 0, probabilities, confidences.map((c) => lowerTailCount(all.length, c)));
        // the same number (−0 and 0 alike: a full sort orders them, a selection need not), or both NaN
        const same = (a: number, b: number) => a === b || (a !== a && b !== b);
        for (const q of probabilities) expect(same(quantileOfSorted(selected, q), quantileOfSorted(sorted, q))).toBe(true);
        for (const c of confidences) expect(same(lowerTailMeanOfSorted(selected, c), lowerTailMeanOfSorted(sorted, c))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('given a sample of rows, when every column is extracted at once, then each equals that column read alone', () => {
    const s = createPathSample(5, 3);
    [[1, 10, 100], [2, 20, 200], [3, 30, 300], [4, 40, 400], [5, 50, 500], [6, 60, 600]].forEach((row, i) => {
      const slot = offerPath(s, streamUniform(3, i));
      if (slot >= 0) s.values.set(row, slot * 3);
    });
    const columns = sampleColumns(s);
    for (let c = 0; c < 3; c += 1) expect(Array.from(columns[c]).sort((a, b) => a - b)).toEqual(Array.from(sortedSampleColumn(s, c)));
    expect(Array.from(columns[1]).map((v, i) => v / columns[0][i])).toEqual([10, 10, 10, 10, 10]); // rows stay together
  });
});
