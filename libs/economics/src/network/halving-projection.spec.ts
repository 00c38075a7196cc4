import { meanBlockIntervalSeconds } from './block-interval';
import { projectNextHalving } from './halving-projection';

describe('next halving projection', () => {
  it('given height 930,086 at the end of 2025-12-29 and 600 s blocks, when projected, then 119,914 blocks / 832.7 days land on 2028-04-10 (docs/methodology.md §1.3 forecast)', () => {
    const projection = projectNextHalving({ height: 930_086, timeUnixSeconds: Date.UTC(2025, 11, 30) / 1000 });
    expect(projection.halvingHeight).toBe(1_050_000);
    expect(projection.blocksRemaining).toBe(119_914);
    expect(projection.secondsRemaining / 86_400).toBeCloseTo(832.7, 1);
    expect(projection.projectedDateUtc.slice(0, 10)).toBe('2028-04-10');
  });

  it('given the Hashrate Index snapshot of 2024-11-12 (179,980 blocks to go), when projected at 600 s, then it lands on "April 15, 2028" as published (data.hashrateindex.com via urlscan)', () => {
    const projection = projectNextHalving({ height: 870_020, timeUnixSeconds: Date.UTC(2024, 10, 12, 12) / 1000 });
    expect(projection.projectedDateUtc.slice(0, 10)).toBe('2028-04-15');
  });

  it('given faster blocks (590 s), when projected, then the date comes earlier (docs/methodology.md §1.3: faster-than-600 s blocks pull it earlier)', () => {
    const at600 = projectNextHalving({ height: 930_086, timeUnixSeconds: 1_767_052_800 });
    const at590 = projectNextHalving({ height: 930_086, timeUnixSeconds: 1_767_052_800, meanBlockIntervalSeconds: 590 });
    expect(at600.projectedTimeUnixSeconds - at590.projectedTimeUnixSeconds).toBe(119_914 * 10);
  });

  it('given the first and second halving blocks (unix 1354116278 and 1468082773, docs/methodology.md §1.3), when averaging, then epoch 1 ran at 542.70 s per block (hand: 113,966,495 s / 210,000)', () => {
    expect(
      meanBlockIntervalSeconds({ fromHeight: 210_000, fromTimeUnixSeconds: 1_354_116_278, toHeight: 420_000, toTimeUnixSeconds: 1_468_082_773 }),
    ).toBeCloseTo(542.6976, 4);
  });

  it('given a window that runs backwards, when averaging, then the error names toHeight', () => {
    expect(() => meanBlockIntervalSeconds({ fromHeight: 10, fromTimeUnixSeconds: 0, toHeight: 10, toTimeUnixSeconds: 600 })).toThrow('toHeight: must be greater than fromHeight');
  });
});
