import { capexRaceQuarter, type CapexRaceQuarterInput } from './capex-race';

const quarter: CapexRaceQuarterInput = {
  companyHashrateEhs: 37.2,
  previousCompanyHashrateEhs: 25,
  capexUsd: 122_000_000,
  fleetEfficiencyJth: 20,
  networkHashrateEhsSamples: [600, 620, 640],
  previousNetworkHashrateEhsSamples: [480, 520],
  hashpriceUsdPerPhDay: 50,
  networkPowerUsdPerKwh: 0.05,
  difficultyGrowthRatioPerYear: 0.4,
  asicPriceClasses: [
    { belowEfficiencyJth: 19, usdPerTh: 20 },
    { belowEfficiencyJth: null, usdPerTh: 8 },
  ],
  purchaseEfficiencyJth: 15,
};

describe('the capex race for one company and quarter, by hand', () => {
  const r = capexRaceQuarter(quarter);
  const m = r.metrics;

  it('given 37.2 EH/s against a 620 EH/s mean (25 against 500 before), when computed, then share 6 % after 5 %: +0.01, +20 %', () => {
    expect(r.networkHashrateEhs).toBe(620);
    expect(m.hashrateShareRatio.value).toBeCloseTo(0.06, 12);
    expect(m.previousHashrateShareRatio.value).toBeCloseTo(0.05, 12);
    expect(m.hashrateShareChangeRatio.value).toBeCloseTo(0.01, 12);
    expect(m.hashrateShareRelativeChange.value).toBeCloseTo(0.2, 12);
  });

  it('given +40 %/yr difficulty and 15 J/TH machines at $20/TH, when the hold is costed, then 6 % × 868 = 52.08 EH/s, 14.88 to add, $297.6M', () => {
    expect(r.asicPriceUsdPerTh).toBe(20);
    expect(m.hashrateToAddToHoldShareEhs.value).toBeCloseTo(52.08 - 37.2, 9);
    expect(m.capexToHoldShareUsd.value).toBeCloseTo(14.88e6 * 20, 0);
  });

  it('given $122M capex and 37.2 − 25 = 12.2 EH/s added, when computed, then $10M per EH/s, $10/TH', () => {
    expect(m.capexUsdPerEhAdded.value).toBeCloseTo(10_000_000, 3);
    expect(m.capexUsdPerThAdded.value).toBeCloseTo(10, 9);
  });

  it('given a 20 J/TH fleet, when set against the catalog marginal machine at $50/PH/day and 5 c/kWh (S17 Pro, 39.51 J/TH), then ratio 0.506 and 19.51 J/TH of headroom', () => {
    expect(r.marginalMachine?.model).toBe('Antminer S17 Pro');
    expect(m.fleetEfficiencyRatioToMarginal.value).toBeCloseTo(20 / (2094 / 53), 12);
    expect(m.fleetEfficiencyHeadroomJth.value).toBeCloseTo(2094 / 53 - 20, 12);
  });

  it('given unreported company figures, when computed, then each metric is null and names what it misses', () => {
    const gaps = capexRaceQuarter({ ...quarter, companyHashrateEhs: null, capexUsd: null, fleetEfficiencyJth: null, previousNetworkHashrateEhsSamples: null }).metrics;
    expect(gaps.hashrateShareRatio.missingInputs).toEqual(['companyHashrateEhs']);
    expect(gaps.previousHashrateShareRatio.missingInputs).toEqual(['previousNetworkHashrateEhsSamples']);
    expect(gaps.capexUsdPerEhAdded.missingInputs).toEqual(['capexUsd', 'hashrateAddedEhs|companyHashrateEhs']);
    expect(gaps.fleetEfficiencyHeadroomJth.missingInputs).toEqual(['fleetEfficiencyJth']);
    expect(gaps.marginalEfficiencyJth.value).toBeCloseTo(2094 / 53, 12);
  });

  it('given a quarter in which hashrate fell, or no machine breaking even, when computed, then null with the reason', () => {
    expect(capexRaceQuarter({ ...quarter, hashrateAddedEhs: -1 }).metrics.capexUsdPerEhAdded.reason).toBe('no hashrate added in the period');
    const expensive = capexRaceQuarter({ ...quarter, networkPowerUsdPerKwh: 1 });
    expect(expensive.marginalMachine).toBeNull();
    expect(expensive.metrics.fleetEfficiencyRatioToMarginal.reason).toMatch(/no catalog machine breaks even/);
  });

  it('given bad inputs, when computed, then the error names the field', () => {
    expect(() => capexRaceQuarter({ ...quarter, networkHashrateEhsSamples: [] })).toThrow(/^networkHashrateEhsSamples:/);
    expect(() => capexRaceQuarter({ ...quarter, purchaseEfficiencyJth: 0 })).toThrow(/^purchaseEfficiencyJth:/);
    expect(() => capexRaceQuarter({ ...quarter, companyHashrateEhs: -3 })).toThrow(/^companyHashrateEhs:/);
  });
});
