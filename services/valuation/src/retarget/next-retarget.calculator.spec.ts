import { periodStartHeight, projectNextRetarget } from './next-retarget.calculator';

const at = (iso: string) => new Date(iso);
const D = 100e12;

describe('projectNextRetarget', () => {
  // Period 453,600 … 455,615 (453,600 = 225 × 2016).
  const reference = { height: 453_700, difficulty: D, eventTime: at('2026-01-01T00:00:00Z') };

  it('projects a faster period (500 s blocks) to a rise of 600/500 × 2016/2015, the consensus off-by-one included', () => {
    const current = { height: 453_700 + 1_000, difficulty: D, eventTime: new Date(reference.eventTime.getTime() + 1_000 * 500_000) };
    const next = projectNextRetarget(current, reference);
    expect(next).toBeDefined();
    expect(next?.retargetHeight).toBe(455_616);
    expect(next?.blocksRemaining).toBe(455_616 - 454_700);
    expect(next?.meanBlockIntervalSeconds).toBeCloseTo(500, 9);
    expect(next?.difficultyChangePct).toBeCloseTo(((600 / 500) * (2016 / 2015) - 1) * 100, 6);
    expect(next?.projectedDifficulty).toBeCloseTo(D * 1.2 * (2016 / 2015), -3);
    // 916 blocks to go at 500 s each.
    expect(next?.projectedAt.toISOString()).toBe(new Date(current.eventTime.getTime() + 916 * 500_000).toISOString());
  });

  it('projects a slower period to a fall', () => {
    const current = { height: 453_800, difficulty: D, eventTime: new Date(reference.eventTime.getTime() + 100 * 720_000) };
    expect(projectNextRetarget(current, reference)?.difficultyChangePct).toBeLessThan(-16);
  });

  it('measures no pace across a retarget, without blocks or time between the two, or at the first block of a period', () => {
    const later = new Date(reference.eventTime.getTime() + 3_600_000);
    expect(projectNextRetarget({ height: 455_700, difficulty: D, eventTime: later }, reference)).toBeUndefined();
    expect(projectNextRetarget({ ...reference, eventTime: later }, reference)).toBeUndefined();
    expect(projectNextRetarget({ height: 453_800, difficulty: D, eventTime: reference.eventTime }, reference)).toBeUndefined();
    expect(projectNextRetarget({ height: 453_600, difficulty: D, eventTime: later }, { ...reference, height: 453_600 })).toBeUndefined();
  });

  it('finds the first height of a period', () => {
    expect(periodStartHeight(455_615)).toBe(453_600);
    expect(periodStartHeight(455_616)).toBe(455_616);
  });
});
