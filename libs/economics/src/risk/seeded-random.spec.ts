import fc from 'fast-check';
import { expSmall, SeededRandom, streamUniform } from './seeded-random';
import { inverseStandardNormal } from './price-models';

describe('seeded random', () => {
  it('given the same seed and stream, when drawn twice, then the sequences are identical; another stream differs', () => {
    const draw = (seed: number, stream: number) => {
      const r = new SeededRandom(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(42, 7)).toEqual(draw(42, 7));
    expect(draw(42, 8)).not.toEqual(draw(42, 7));
    expect(draw(43, 7)).not.toEqual(draw(42, 7));
    expect(draw(2 ** 40 + 1, 0)).not.toEqual(draw(1, 0));
  });

  it('given a generator, when reseeded, then it starts the stream over', () => {
    const r = new SeededRandom(1, 3);
    const first = [r.normal(), r.normal(), r.uniform()];
    r.reseed(1, 3);
    expect([r.normal(), r.normal(), r.uniform()]).toEqual(first);
  });

  it('given 400,000 ziggurat normals, then mean ≈ 0, variance ≈ 1, and the tails match Φ (5 % below −1.645, 0.5 % beyond ±2.807)', () => {
    const r = new SeededRandom(2024);
    const n = 400_000;
    let sum = 0;
    let sumSq = 0;
    let below = 0;
    let farTails = 0;
    for (let i = 0; i < n; i += 1) {
      const z = r.normal();
      sum += z;
      sumSq += z * z;
      if (z < inverseStandardNormal(0.05)) below += 1;
      if (Math.abs(z) > 2.807) farTails += 1;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01); // SE 0.0016
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.015); // SE 0.0022
    expect(Math.abs(below / n - 0.05)).toBeLessThan(0.002); // SE 0.00034
    expect(Math.abs(farTails / n - 0.005)).toBeLessThan(0.0006); // SE 0.00011
  });

  it('given a seed, when normals are filled in bulk, then they equal mean + sd × the one-at-a-time normals', () => {
    const bulk = new Float64Array(5_000);
    new SeededRandom(9, 1).fillNormals(bulk, 0.001, 0.03);
    const single = new SeededRandom(9, 1);
    for (let i = 0; i < bulk.length; i += 1) expect(bulk[i]).toBe(0.001 + 0.03 * single.normal());
  });

  it('given any x, then expSmall is within 4e-10 of Math.exp (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (x) => {
        expect(Math.abs(expSmall(x) / Math.exp(x) - 1)).toBeLessThan(4e-10);
      }),
    );
  });

  it('given a seed and many streams, then the stream priorities are uniform on (0, 1)', () => {
    let belowHalf = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const u = streamUniform(5, i);
      expect(u > 0 && u < 1).toBe(true);
      if (u < 0.5) belowHalf += 1;
    }
    expect(Math.abs(belowHalf / 100_000 - 0.5)).toBeLessThan(0.006);
  });
});
