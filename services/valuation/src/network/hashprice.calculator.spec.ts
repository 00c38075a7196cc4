import { computeHashprice } from './hashprice.calculator';

const input = (eventId: string, iso: string, values: Record<string, number>) => ({ eventId, eventType: 'test', eventTime: new Date(iso), values });

describe('computeHashprice with the next retarget', () => {
  const price = input('price-1', '2026-01-10T00:00:00Z', { priceUsd: 90_000 });
  const network = input('net-2', '2026-01-10T00:00:00Z', { height: 454_700, difficulty: 100e12, feesPerBlockSats: 2_000_000 });
  // 1,000 blocks in 6 days: 518.4 s a block, faster than 600 s, so difficulty is projected to rise.
  const reference = input('net-1', '2026-01-04T00:00:00Z', { height: 453_700, difficulty: 100e12, feesPerBlockSats: 1_000_000 });

  it('adds the projected retarget and the hashprice at its difficulty, inversely proportional to it', () => {
    const metric = computeHashprice(price, network, reference);
    const next = metric.nextRetarget;
    expect(next?.retargetHeight).toBe(455_616);
    expect(next?.meanBlockIntervalSeconds).toBeCloseTo(518.4, 9);
    expect(next?.difficultyChangePct).toBeGreaterThan(15);
    expect(next?.hashpriceUsdPerPhDayAfter).toBeCloseTo(metric.hashpriceUsdPerPhDay * (metric.difficulty / (next?.projectedDifficulty ?? NaN)), 9);
    expect(next?.hashpriceBtcPerPhDayAfter).toBeLessThan(metric.hashpriceBtcPerPhDay);
    expect(metric.lineage?.inputs.map((i) => i.eventId)).toEqual(['price-1', 'net-2', 'net-1']);
  });

  it('leaves the projection out without a reference, and the lineage to the two inputs', () => {
    const metric = computeHashprice(price, network);
    expect(metric.nextRetarget).toBeUndefined();
    expect(metric.lineage?.inputs.map((i) => i.eventId)).toEqual(['price-1', 'net-2']);
  });

  it('gives the same metric id with or without the projection: the figure is the price and the snapshot', () => {
    expect(computeHashprice(price, network, reference).metricId).toBe(computeHashprice(price, network).metricId);
  });
});
