import { curtailmentStrike, hoursAboveStrike } from './curtailment-strike';

describe('curtailment strike and hours above it', () => {
  it('given $45/PH/day and a 15 J/TH fleet, when the strike is computed, then $0.125/kWh = $125/MWh', () => {
    // 1 PH/s at 15 J/TH draws 15 kW: 15 × 24 = 360 kWh a day against $45 of revenue → 45/360 = 0.125 $/kWh
    const strike = curtailmentStrike(45, 15);
    expect(strike.strikeUsdPerKwh).toBeCloseTo(0.125, 12);
    expect(strike.strikeUsdPerMwh).toBeCloseTo(125, 9);
  });

  it('given a 2 % pool fee, when the strike is computed, then 45 × 0.98 / 360 = $0.1225/kWh', () => {
    expect(curtailmentStrike(45, 15, 0.02).strikeUsdPerKwh).toBeCloseTo(0.1225, 12);
  });

  const prices = [30, 80, 125, 150, 300, -10];

  it('given six hourly prices and a $125/MWh strike, when counted, then 150 and 300 are above (125 is not): 2 h of 6, excess 25 + 175 = $200 per MW', () => {
    const r = hoursAboveStrike({ pricesUsdPerMwh: prices }, 125);
    expect(r).toEqual({ totalHours: 6, hoursAboveStrike: 2, shareOfHoursAboveStrike: 2 / 6, excessUsdPerMw: 200, priceUsdPerMw: 450 });
  });

  it('given the same prices as 15-minute intervals, when counted, then hours and $ per MW scale by 0.25; the share does not', () => {
    const r = hoursAboveStrike({ pricesUsdPerMwh: prices, intervalHours: 0.25 }, 125);
    expect(r.hoursAboveStrike).toBe(0.5);
    expect(r.totalHours).toBe(1.5);
    expect(r.shareOfHoursAboveStrike).toBeCloseTo(1 / 3, 12);
    expect(r.excessUsdPerMw).toBe(50);
  });

  it('given bad inputs, when evaluated, then the error names the field', () => {
    expect(() => curtailmentStrike(45, 0)).toThrow('fleetEfficiencyJth: must be greater than 0');
    expect(() => hoursAboveStrike({ pricesUsdPerMwh: [] }, 125)).toThrow(/^pricesUsdPerMwh: must list/);
    expect(() => hoursAboveStrike({ pricesUsdPerMwh: [1, Number.NaN] }, 125)).toThrow('pricesUsdPerMwh[1]: must be a finite number');
    expect(() => hoursAboveStrike({ pricesUsdPerMwh: [1], intervalHours: 0 }, 125)).toThrow(/^intervalHours:/);
  });
});
