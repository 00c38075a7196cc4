import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

describe('hashdesk network', () => {
  it('given D = 155.973e12 (docs/methodology.md §1.2), when run, then the implied hashrate is 1,116.5 EH/s and fees default to 0', () => {
    const json = runHashdeskJson('network', '--difficulty', '155.973e12', '--height', '925000');
    expect(json['hashrateEhs']).toBeCloseTo(1116.5, 1);
    expect(json).toMatchObject({ difficulty: 155.973e12, subsidyBtc: 3.125, feesBtcPerBlock: 0, rewardBtcPerBlock: 3.125 });
    expect(json['btcPerPhDay']).toBeCloseTo(0.000403046, 9); // hand: 3.125·86,400·1e15/(D·2^32)
    expect(json).not.toHaveProperty('hashpriceUsdPerPhDay');
  });

  it('given the Hashrate Index roundup of 2021-08-07 (14.4964T, 1.34 % fee share, $43,629), when run with a price, then hashpriceUsdPerPhDay ≈ $383.5 ($0.3835/TH/day published)', () => {
    const json = runHashdeskJson('network', '--difficulty', '14496442856349.12', '--subsidy-btc', '6.25', '--fee-share', '0.0134', '--price-usd', '43629');
    expect(Math.abs((json['hashpriceUsdPerPhDay'] as number) / 383.5 - 1)).toBeLessThan(0.001);
    expect(json['rewardBtcPerBlock']).toBeCloseTo(6.25 / (1 - 0.0134), 12);
    expect(json['feesBtcPerBlock']).toBeCloseTo(6.25 / (1 - 0.0134) - 6.25, 12);
  });

  it('given fees per block, when run, then reward = subsidy + fees and the halving-today figures keep the fees', () => {
    const json = runHashdeskJson('network', '--difficulty', '1e14', '--subsidy-btc', '3.125', '--fees-btc-per-block', '0.125', '--price-usd', '100000');
    expect(json['rewardBtcPerBlock']).toBe(3.25);
    const hp = json['hashpriceUsdPerPhDay'] as number;
    expect(json['halvingTodayNaiveUsdPerPhDay']).toBeCloseTo(hp / 2, 9);
    expect(json['halvingTodayFeesKeptUsdPerPhDay']).toBeCloseTo((hp * (1.5625 + 0.125)) / 3.25, 9);
  });

  it('given ViaBTC\'s fee convention, when run, then the reward is 6.25 × 1.013', () => {
    const json = runHashdeskJson('network', '--difficulty', '17.62e12', '--subsidy-btc', '6.25', '--fee-to-subsidy-ratio', '0.013');
    expect(json['rewardBtcPerBlock']).toBeCloseTo(6.33125, 12);
  });

  it.each([
    { args: ['--difficulty', '-5', '--height', '1'], flag: 'difficulty', rule: /greater than 0/ },
    { args: ['--difficulty', '0', '--height', '1'], flag: 'difficulty', rule: /greater than 0/ },
    { args: ['--height', '1'], flag: 'difficulty', rule: /is required/ },
    { args: ['--difficulty', '1e12'], flag: 'height', rule: /--height or --subsidy-btc/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--subsidy-btc', '50'], flag: 'subsidy-btc', rule: /cannot be combined with --height/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--fee-share', '1.5'], flag: 'fee-share', rule: /from 0 to 1/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--fee-share', '-0.1'], flag: 'fee-share', rule: /from 0 to 1/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--fee-share', '0.1', '--fees-btc-per-block', '0.2'], flag: 'fee-share', rule: /cannot be combined/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--price-usd', '0'], flag: 'price-usd', rule: /greater than 0/ },
    { args: ['--difficulty', '1e12', '--height', '1', '--dificulty', '3'], flag: 'dificulty', rule: /unknown flag/ },
  ])('given $args, when run, then exit 2 names --$flag and stdout is empty', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('network', ...args, '--json'), flag, rule);
  });
});
