import { EconomicsInputError } from '../shared/economics-input.error';
import { hashrateShareChange, hashrateShareRatio, meanNetworkHashrateEhs } from './hashrate-share';

describe('hashrate market share', () => {
  it('given daily network samples 600, 620, 640 EH/s and a company at 31 EH/s, when the share is computed, then 31 / 620 = 5 %', () => {
    const network = meanNetworkHashrateEhs([600, 620, 640]);
    expect(network).toBe(620);
    expect(hashrateShareRatio(31, network)).toBeCloseTo(0.05, 12);
  });

  it('given 6 % after 5 %, when the change is computed, then +0.01 (one point) and +20 % relative', () => {
    const change = hashrateShareChange(0.06, 0.05);
    expect(change.changeRatio).toBeCloseTo(0.01, 12);
    expect(change.relativeChange).toBeCloseTo(0.2, 12);
  });

  it('given no share before, when the change is computed, then the relative change is null', () => {
    expect(hashrateShareChange(0.01, 0)).toEqual({ changeRatio: 0.01, relativeChange: null });
  });

  it('given bad inputs, when evaluated, then the error names the field and the rule', () => {
    expect(() => meanNetworkHashrateEhs([])).toThrow('networkHashrateEhsSamples: must list at least one');
    expect(() => meanNetworkHashrateEhs([600, 0])).toThrow('networkHashrateEhsSamples[1]: must be greater than 0');
    expect(() => hashrateShareRatio(31_000, 620)).toThrow(EconomicsInputError);
    expect(() => hashrateShareRatio(31_000, 620)).toThrow(/^companyHashrateEhs: must not exceed/);
  });
});
