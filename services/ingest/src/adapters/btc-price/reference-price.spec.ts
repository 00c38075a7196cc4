import { DEFAULT_REFERENCE_POLICY, decideReferencePrice, type QuoteCandidate } from './reference-price';

const NOW = new Date('2024-12-20T14:02:27Z');
const secondsAgo = (s: number): Date => new Date(NOW.getTime() - s * 1000);
const quote = (source: string, priceUsd: number, ageSeconds = 5): QuoteCandidate => ({ source, quote: { priceUsd, eventTime: secondsAgo(ageSeconds) } });
const down = (source: string): QuoteCandidate => ({ source, unavailable: 'SERVER_ERROR: HTTP 503' });

describe('decideReferencePrice', () => {
  it.each([
    ['three fresh quotes → the middle one', [quote('a', 100), quote('b', 101), quote('c', 102)], 101, ['a', 'b', 'c'], []],
    ['one source down → the median (mean) of the other two', [quote('a', 100), down('b'), quote('c', 101)], 100.5, ['a', 'c'], ['b:unavailable']],
    ['one stale quote → left out', [quote('a', 100), quote('b', 101), quote('c', 90, 121)], 100.5, ['a', 'b'], ['c:stale']],
    ['one quote 5 % off → left out as an outlier', [quote('a', 100), quote('b', 100.4), quote('c', 105.5)], 100.2, ['a', 'b'], ['c:outlier']],
    ['a quote timed 2 min in the future → left out', [quote('a', 100), quote('b', 101), quote('c', 101, -120)], 100.5, ['a', 'b'], ['c:future-dated']],
    ['four quotes → the mean of the middle two', [quote('a', 100), quote('b', 101), quote('c', 102), quote('d', 103)], 101.5, ['a', 'b', 'c', 'd'], []],
  ])('given %s', (_label, candidates, price, included, excluded) => {
    const decision = decideReferencePrice(candidates, NOW, DEFAULT_REFERENCE_POLICY);

    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.priceUsd).toBeCloseTo(price, 10);
    expect(decision.included.map((c) => c.source)).toEqual(included);
    expect(decision.excluded.map((e) => `${e.source}:${e.reason}`)).toEqual(excluded);
  });

  it('gives no price when only one source is usable (two needed by default), naming why the others were left out', () => {
    const decision = decideReferencePrice([quote('a', 100), down('b'), quote('c', 100, 600)], NOW, DEFAULT_REFERENCE_POLICY);

    expect(decision).toMatchObject({ ok: false, reason: '1 usable quote(s), 2 needed (b unavailable, c stale)' });
  });

  it('leaves out both of two quotes that disagree beyond the limit: nothing says which is right', () => {
    const decision = decideReferencePrice([quote('a', 100), quote('b', 106)], NOW, DEFAULT_REFERENCE_POLICY);

    expect(decision.ok).toBe(false);
    expect(decision.excluded.map((e) => e.reason)).toEqual(['outlier', 'outlier']);
  });

  it('accepts a single source when the policy allows it', () => {
    const decision = decideReferencePrice([quote('a', 100), down('b')], NOW, { ...DEFAULT_REFERENCE_POLICY, minSources: 1 });

    expect(decision).toMatchObject({ ok: true, priceUsd: 100 });
  });

  it('times the reference by its newest component quote', () => {
    const decision = decideReferencePrice([quote('a', 100, 30), quote('b', 101, 2), quote('c', 102, 60)], NOW, DEFAULT_REFERENCE_POLICY);

    expect(decision.ok && decision.eventTime).toEqual(secondsAgo(2));
  });
});
