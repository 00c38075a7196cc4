import { capexPerEhAdded } from './capex-per-eh';

describe('capex per EH/s actually added', () => {
  it('given $150M of capex and 5 EH/s added, when computed, then $30M per EH/s = $30/TH', () => {
    const r = capexPerEhAdded(150_000_000, 5);
    expect(r.capexUsdPerEh.value).toBe(30_000_000);
    expect(r.capexUsdPerTh.value).toBe(30);
  });

  it('given no hashrate added (or a fall), when computed, then null with the reason, not a negative or infinite cost', () => {
    expect(capexPerEhAdded(150_000_000, 0).capexUsdPerEh).toEqual({ value: null, missingInputs: [], reason: 'no hashrate added in the period' });
    expect(capexPerEhAdded(150_000_000, -1).capexUsdPerTh.value).toBeNull();
  });

  it('given negative capex, when computed, then the error names capexUsd', () => {
    expect(() => capexPerEhAdded(-1, 5)).toThrow('capexUsd: must be 0 or more');
  });
});
