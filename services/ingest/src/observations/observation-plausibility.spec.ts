import { checkHeightOrder, checkPlausibility } from './observation-plausibility';
import type { BtcPriceObservation, NetworkSnapshotObservation } from './observation.types';

const now = new Date('2025-12-30T12:00:00Z');
const price = (over: Partial<BtcPriceObservation> = {}): BtcPriceObservation => ({
  kind: 'btc-price', source: 'push:api', pair: 'BTC-USD', eventTime: new Date('2025-12-29T23:59:59Z'), priceUsd: 87_133.51, ...over,
});
const snapshot = (over: Partial<NetworkSnapshotObservation> = {}): NetworkSnapshotObservation => ({
  kind: 'network-snapshot', source: 'push:api', eventTime: new Date('2025-12-29T23:59:59Z'), height: 930_086,
  difficulty: 148.26e12, feesPerBlockSats: 1_820_000, feeWindowBlocks: 144, ...over,
});
const rules = (found: Array<{ field: string; rule: string }>) => found.map((v) => `${v.field}:${v.rule}`);

describe('checkPlausibility', () => {
  it.each([
    ['a normal price', price(), []],
    ['a zero price', price({ priceUsd: 0 }), ['priceUsd:isPositive']],
    ['a negative price', price({ priceUsd: -1 }), ['priceUsd:isPositive']],
    ['a price above 10M USD', price({ priceUsd: 10_000_001 }), ['priceUsd:max']],
    ['a time 6 minutes ahead', price({ eventTime: new Date(now.getTime() + 6 * 60_000) }), ['observedAt:notInFuture']],
    ['a time 4 minutes ahead (clock skew)', price({ eventTime: new Date(now.getTime() + 4 * 60_000) }), []],
    ['a time before the genesis block', price({ eventTime: new Date('2008-12-31T00:00:00Z') }), ['observedAt:notBeforeGenesis']],
    ['a normal snapshot', snapshot(), []],
    ['a zero difficulty', snapshot({ difficulty: 0 }), ['difficulty:isPositive']],
    ['a difficulty below 1', snapshot({ difficulty: 0.5 }), ['difficulty:min']],
    ['a difficulty of 1e308', snapshot({ difficulty: 1e308 }), ['difficulty:max']],
    ['a negative height', snapshot({ height: -1 }), ['height:range']],
    ['negative fees', snapshot({ feesPerBlockSats: -5 }), ['feesPerBlockSats:range']],
  ])('given %s, it reports %j', (_label, observation, expected) => {
    expect(rules(checkPlausibility(observation, now))).toEqual(expected);
  });
});

describe('checkHeightOrder', () => {
  const at = (iso: string) => new Date(iso);
  it('accepts a height at or above the previous one and at or below the next one', () => {
    expect(checkHeightOrder(100, { previous: { height: 100, eventTime: at('2025-01-01T00:00:00Z') }, next: { height: 101, eventTime: at('2025-01-03T00:00:00Z') } })).toEqual([]);
    expect(checkHeightOrder(100, {})).toEqual([]);
  });

  it('refuses a height that goes backwards, naming the earlier height', () => {
    const [violation] = checkHeightOrder(99, { previous: { height: 100, eventTime: at('2025-01-01T00:00:00Z') } });
    expect(violation).toEqual({ field: 'height', rule: 'heightNotBackwards', message: expect.stringContaining('lower than height 100') });
  });

  it('refuses a height above a later snapshot of the same source', () => {
    expect(rules(checkHeightOrder(102, { next: { height: 101, eventTime: at('2025-01-03T00:00:00Z') } }))).toEqual(['height:heightNotBackwards']);
  });
});
