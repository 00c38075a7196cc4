import { curtailment, type CurtailmentInput } from './curtailment-credits';

// Strike $125/MWh ($45/PH/day, 15 J/TH); hours above: 150 and 300 $/MWh; 100 MW, half of it curtailable.
const base: CurtailmentInput = {
  hashpriceUsdPerPhDay: 45,
  fleetEfficiencyJth: 15,
  fleetPowerMw: 100,
  participationRatio: 0.5,
  prices: { pricesUsdPerMwh: [30, 80, 125, 150, 300, -10] },
  creditRule: 'spread-over-strike',
  reportedCreditsUsd: 12_000,
};

describe('curtailment credits implied against reported', () => {
  it('given the spread rule, when computed, then 50 MW × (25 + 175) $/MWh·h = $10,000; reported $12,000 is $2,000 (1.2×) above', () => {
    const r = curtailment(base);
    expect(r.curtailedMw).toBe(50);
    expect(r.curtailedMwh).toBe(100); // 50 MW × 2 h
    expect(r.impliedCreditsUsd).toBeCloseTo(10_000, 9);
    expect(r.reportedMinusImpliedUsd.value).toBeCloseTo(2_000, 9);
    expect(r.reportedToImpliedRatio.value).toBeCloseTo(1.2, 12);
  });

  it('given the resale rule, when computed, then 50 MW × (150 + 300) $/MWh·h = $22,500', () => {
    expect(curtailment({ ...base, creditRule: 'resale-at-price' }).impliedCreditsUsd).toBeCloseTo(22_500, 9);
  });

  it('given no reported credits, when compared, then the comparison is null and names reportedCreditsUsd', () => {
    expect(curtailment({ ...base, reportedCreditsUsd: null }).reportedMinusImpliedUsd.missingInputs).toEqual(['reportedCreditsUsd']);
  });

  it('given no hour above the strike, when compared, then the ratio is null with the reason and the difference is the reported amount', () => {
    const r = curtailment({ ...base, prices: { pricesUsdPerMwh: [30, 40] } });
    expect(r.impliedCreditsUsd).toBe(0);
    expect(r.reportedToImpliedRatio.reason).toMatch(/^no credits implied/);
    expect(r.reportedMinusImpliedUsd.value).toBe(12_000);
  });

  it('given bad inputs, when computed, then the error names the field', () => {
    expect(() => curtailment({ ...base, creditRule: 'other' as never })).toThrow(/^creditRule: must be one of/);
    expect(() => curtailment({ ...base, participationRatio: 50 })).toThrow(/^participationRatio:/);
    expect(() => curtailment({ ...base, reportedCreditsUsd: -5 })).toThrow('reportedCreditsUsd: must be 0 or more');
    expect(() => curtailment({ ...base, fleetPowerMw: Number.NaN })).toThrow(/^fleetPowerMw:/);
  });
});
