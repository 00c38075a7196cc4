import type { AsicModelSpec } from './asic-model';
import { efficiencyVersusMarginal, marginalMachine } from './marginal-machine';

const spec = (model: string, powerW: number): AsicModelSpec => ({
  model, manufacturer: 'test', hashrateThs: 100, powerW, efficiencyJth: powerW / 100, releaseYear: null, confidence: 'low', source: 'hand-made test row', notes: '',
});
// 20, 30 and 40 J/TH
const models = [spec('A', 2000), spec('B', 3000), spec('C', 4000)];

describe('the network marginal machine', () => {
  it('given $50/PH/day and 5 c/kWh, when the marginal machine is found, then C (40 J/TH): machines break even up to 50/(24 × 0.05) = 41.67 J/TH', () => {
    const marginal = marginalMachine({ hashpriceUsdPerPhDay: 50, powerUsdPerKwh: 0.05, models });
    expect(marginal?.model).toBe('C');
    expect(marginal?.efficiencyJth).toBe(40);
    expect(marginal?.breakevenPowerUsdPerKwh).toBeCloseTo(50 / (24 * 40), 12); // 0.052083
  });

  it('given 6 c/kWh, when found, then B: the limit falls to 50/(24 × 0.06) = 34.72 J/TH', () => {
    expect(marginalMachine({ hashpriceUsdPerPhDay: 50, powerUsdPerKwh: 0.06, models })?.model).toBe('B');
  });

  it('given 25 c/kWh, when found, then null: every machine would need below 8.33 J/TH', () => {
    expect(marginalMachine({ hashpriceUsdPerPhDay: 50, powerUsdPerKwh: 0.25, models })).toBeNull();
  });

  it('given the catalog at $50/PH/day and 5 c/kWh, when found, then the Antminer S17 Pro (2,094 W / 53 TH/s = 39.51 J/TH); the AvalonMiner 1166 Pro at 42.0 J/TH no longer breaks even', () => {
    const marginal = marginalMachine({ hashpriceUsdPerPhDay: 50, powerUsdPerKwh: 0.05 });
    expect(marginal?.model).toBe('Antminer S17 Pro');
    expect(marginal?.efficiencyJth).toBeCloseTo(2094 / 53, 12);
  });

  it('given a 20 J/TH fleet against a 40 J/TH marginal machine, when compared, then ratio 0.5 and 20 J/TH of headroom', () => {
    expect(efficiencyVersusMarginal(20, 40)).toEqual({ efficiencyRatio: 0.5, efficiencyHeadroomJth: 20 });
  });

  it('given bad inputs, when evaluated, then the error names the field', () => {
    expect(() => marginalMachine({ hashpriceUsdPerPhDay: -1, powerUsdPerKwh: 0.05 })).toThrow('hashpriceUsdPerPhDay: must be 0 or more');
    expect(() => marginalMachine({ hashpriceUsdPerPhDay: 50, powerUsdPerKwh: 0.05, poolFee: 2 })).toThrow(/^poolFee:/);
    expect(() => efficiencyVersusMarginal(0, 40)).toThrow('fleetEfficiencyJth: must be greater than 0');
  });
});
