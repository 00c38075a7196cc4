import { EconomicsInputErrorCode } from '../shared/economics-input.error';
import { capexToHoldShare, type CapexToHoldShareInput } from './capex-to-hold-share';

// 30 EH/s holding 5 % of a 600 EH/s network, machines at $15/TH.
const base: CapexToHoldShareInput = { companyHashrateEhs: 30, shareRatio: 0.05, networkHashrateEhs: 600, difficultyGrowthRatioPerYear: 0.4, asicPriceUsdPerTh: 15 };

describe('capex to hold a hashrate share', () => {
  it('given difficulty +40 %/yr, when the 12-month hold is costed, then 600 → 840 EH/s, 42 EH/s needed, 12 EH/s to add, 12,000,000 TH × $15 = $180M', () => {
    const r = capexToHoldShare(base);
    expect(r.networkHashrateEhsAtHorizon).toBeCloseTo(840, 9);
    expect(r.requiredHashrateEhs).toBeCloseTo(42, 9);
    expect(r.hashrateToAddEhs).toBeCloseTo(12, 9);
    expect(r.capexUsd).toBeCloseTo(180_000_000, 0);
  });

  it('given a difficulty path 100 T → 130 T at month 12, when costed, then ×1.3: 780 EH/s, 39 needed, 9 to add, $135M', () => {
    const difficultyByMonth = Array.from({ length: 13 }, (_, m) => 100e12 + (m * 30e12) / 12);
    const r = capexToHoldShare({ ...base, difficultyGrowthRatioPerYear: undefined, difficultyByMonth });
    expect(r.networkGrowthFactor).toBeCloseTo(1.3, 12);
    expect(r.hashrateToAddEhs).toBeCloseTo(9, 9);
    expect(r.capexUsd).toBeCloseTo(135_000_000, 0);
  });

  it('given 2 EH/s retiring, when costed, then they are replaced too: 42 − (30 − 2) = 14 EH/s', () => {
    expect(capexToHoldShare({ ...base, retiringHashrateEhs: 2 }).hashrateToAddEhs).toBeCloseTo(14, 9);
  });

  it('given +44 %/yr over 6 months, when costed, then ×1.44^(1/2) = 1.2: 720 EH/s, 36 needed, 6 to add', () => {
    expect(capexToHoldShare({ ...base, difficultyGrowthRatioPerYear: 0.44, horizonMonths: 6 }).hashrateToAddEhs).toBeCloseTo(6, 9);
  });

  it('given a shrinking network (−20 %/yr), when costed, then nothing to add and no capex', () => {
    const r = capexToHoldShare({ ...base, difficultyGrowthRatioPerYear: -0.2 });
    expect(r.requiredHashrateEhs).toBeCloseTo(24, 9);
    expect(r.hashrateToAddEhs).toBe(0);
    expect(r.capexUsd).toBe(0);
  });

  it('given both a growth ratio and a path, none, or a short path, when costed, then the error names the field', () => {
    expect(() => capexToHoldShare({ ...base, difficultyByMonth: [1, 2] })).toThrow(expect.objectContaining({ field: 'difficultyByMonth', code: EconomicsInputErrorCode.CONFLICT }));
    expect(() => capexToHoldShare({ ...base, difficultyGrowthRatioPerYear: undefined })).toThrow(expect.objectContaining({ field: 'difficultyGrowthRatioPerYear', code: EconomicsInputErrorCode.MISSING }));
    expect(() => capexToHoldShare({ ...base, difficultyGrowthRatioPerYear: undefined, difficultyByMonth: [1, 2] })).toThrow(/^difficultyByMonth: must list difficulty from now/);
    expect(() => capexToHoldShare({ ...base, shareRatio: 5 })).toThrow(/^shareRatio: must be between 0 and 1/);
    expect(() => capexToHoldShare({ ...base, retiringHashrateEhs: 31 })).toThrow(/^retiringHashrateEhs:/);
  });
});
