import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

describe('hashdesk machine', () => {
  it('given an S21 XP from the catalog at $45/PH/day and 5 c/kWh, when run, then the figures match the hand calculation (docs/methodology.md §3.1)', () => {
    const json = runHashdeskJson('machine', '--model', 'antminer s21 xp', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45');
    expect(json).toMatchObject({ model: 'Antminer S21 XP', hashrateThs: 270, powerW: 3645, efficiencyJth: 13.5 });
    expect(json['revenueUsdPerDay']).toBeCloseTo(12.15, 12);
    expect(json['powerCostUsdPerDay']).toBeCloseTo(4.374, 12);
    expect(json['profitUsdPerDay']).toBeCloseTo(7.776, 12);
    expect(json['breakevenPowerUsdPerKwh']).toBeCloseTo(0.138889, 6);
    expect(json['breakevenHashpriceUsdPerPhDay']).toBeCloseTo(16.2, 12);
    expect(json).not.toHaveProperty('shutdownPriceUsd');
    expect(json).not.toHaveProperty('paybackDays');
  });

  it('given uptime, pool fee and capex, when run, then payback is capex / daily profit (hand: 4000 / 7.15635 = 558.94 days)', () => {
    const json = runHashdeskJson(
      'machine', '--model', 'Antminer S21 XP', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45',
      '--uptime', '0.95', '--pool-fee', '0.02', '--capex-usd', '4000',
    );
    expect(json['paybackDays']).toBeCloseTo(558.94, 2);
  });

  it('given the ViaBTC S19 example (95 TH/s, 3,250 W, $0.077/kWh, D = 17.62T, fees 1.3 % of subsidy), when run, then shutdownPriceUsd ≈ $8,744.27 as published', () => {
    const json = runHashdeskJson(
      'machine', '--hashrate-ths', '95', '--power-w', '3250', '--power-usd-per-kwh', '0.077',
      '--difficulty', '17.62e12', '--price-usd', '47000', '--subsidy-btc', '6.25', '--fee-to-subsidy-ratio', '0.013',
    );
    expect(Math.abs((json['shutdownPriceUsd'] as number) / 8744.27 - 1)).toBeLessThan(5e-4);
    expect(json['efficiencyJth']).toBeCloseTo(3250 / 95, 12);
  });

  it('given a loss-making machine with capex, when run, then paybackDays is null', () => {
    const json = runHashdeskJson('machine', '--model', 'Antminer S9', '--power-usd-per-kwh', '0.1', '--hashprice-usd-per-ph-day', '45', '--capex-usd', '100');
    expect(json['paybackDays']).toBeNull();
    expect(json['profitUsdPerDay'] as number).toBeLessThan(0);
  });

  it('given no --json, when run, then a readable table is printed', () => {
    const run = runHashdesk('machine', '--model', 'S21', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '50');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/model\s+Antminer S21/);
    expect(run.stdout).toMatch(/^profit\s+5\.8 \$\/day$/m); // 0.2 × 50 − 3.5 × 24 × 0.05 = 10 − 4.2
  });

  it.each([
    { args: ['--model', 'Antminer S99', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45'], flag: 'model', rule: /unknown model 'Antminer S99' \(close names: / },
    { args: ['--model', 'S21', '--power-w', '3000', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45'], flag: 'power-w', rule: /cannot be combined with --model/ },
    { args: ['--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45'], flag: 'model', rule: /--model or --hashrate-ths/ },
    { args: ['--hashrate-ths', '100', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45'], flag: 'power-w', rule: /is required/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '-0.05', '--hashprice-usd-per-ph-day', '45'], flag: 'power-usd-per-kwh', rule: /at least 0/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05'], flag: 'hashprice-usd-per-ph-day', rule: /--difficulty/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45', '--uptime', '1.5'], flag: 'uptime', rule: /from 0 to 1/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45', '--pool-fee', '2'], flag: 'pool-fee', rule: /from 0 to 1/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05', '--difficulty', '1e14', '--height', '900000'], flag: 'price-usd', rule: /is required/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05', '--difficulty', '-1e14', '--price-usd', '1', '--height', '900000'], flag: 'difficulty', rule: /greater than 0/ },
    { args: ['--model', 'S21', '--power-usd-per-kwh', '0.05', '--hashprice-usd-per-ph-day', '45', '--difficulty', '1e14'], flag: 'difficulty', rule: /cannot be combined with --hashprice-usd-per-ph-day/ },
  ])('given $args, when run, then exit 2 names --$flag on stderr and stdout is empty', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('machine', ...args, '--json'), flag, rule);
  });
});
