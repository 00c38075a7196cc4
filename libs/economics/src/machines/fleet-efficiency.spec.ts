import { findAsicModel } from './asic-catalog';
import { fleetEfficiencyJth, fleetTotals } from './fleet-efficiency';

describe('fleet efficiency is power-weighted, Σ P / Σ h (docs/methodology.md §3.2)', () => {
  it('given 100 S19 XP (140 TH/s, 3,010 W) and 100 S9 (13.5 TH/s, 1,323 W), when combined, then 433,300 W / 15,350 TH/s = 28.23 J/TH, not the 59.75 mean of J/TH (hand)', () => {
    const groups = [
      { ...findAsicModel('Antminer S19 XP'), count: 100 },
      { ...findAsicModel('Antminer S9'), count: 100 },
    ];
    expect(fleetTotals(groups)).toEqual({ hashrateThs: 15_350, powerW: 433_300, efficiencyJth: 433_300 / 15_350 });
    expect(fleetEfficiencyJth(groups)).toBeCloseTo(28.228, 3);
    expect(fleetEfficiencyJth(groups)).not.toBeCloseTo((21.5 + 98) / 2, 0);
  });

  it('given one group, when combined, then the fleet efficiency is that machine\'s P/h', () => {
    expect(fleetEfficiencyJth([{ hashrateThs: 200, powerW: 3500 }])).toBe(17.5);
  });

  it('given an empty fleet or zero counts, when combined, then the error names groups', () => {
    expect(() => fleetTotals([])).toThrow('groups: must list at least one machine group');
    expect(() => fleetTotals([{ hashrateThs: 200, powerW: 3500, count: 0 }])).toThrow(/^groups: /);
  });

  it('given a negative count, when combined, then the error names the group field', () => {
    expect(() => fleetTotals([{ hashrateThs: 200, powerW: 3500, count: -2 }])).toThrow('groups[0].count: must be 0 or more');
  });
});
