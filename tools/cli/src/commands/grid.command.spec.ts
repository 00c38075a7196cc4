import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

const MARKET = ['--price-usd', '100000', '--difficulty', '150e12', '--height', '930000', '--fees-btc-per-block', '0.025'];
const HV = (3.15 * 86_400 * 1e15) / (150e12 * 2 ** 32); // BTC per PH/s per day

describe('hashdesk grid', () => {
  it('given Riot × power prices, when run, then each cell is the power margin 1 − 24·20.5·p/(HV·price) (hand) and rows default to 60–140 % of the price', () => {
    const json = runHashdeskJson('grid', '--file', 'data/companies/riot.json', ...MARKET, '--power-usd-per-kwh-values', '0.03,0.05');
    expect(json['metric']).toBe('powerMarginRatio');
    expect((json['rowAxis'] as { values: number[] }).values).toEqual([60_000, 80_000, 100_000, 120_000, 140_000]);
    const cells = json['cells'] as number[][];
    expect(cells[2][1]).toBeCloseTo(1 - (24 * 20.5 * 0.05) / (HV * 100_000), 12);
    expect(cells[0][0]).toBeCloseTo(1 - (24 * 20.5 * 0.03) / (HV * 60_000), 12);
  });

  it('given a machine × difficulty growth, when run, then profit falls along each row (difficulty a year ahead)', () => {
    const json = runHashdeskJson('grid', '--model', 'Antminer S21 XP', '--power-usd-per-kwh', '0.05', ...MARKET, '--difficulty-growth-pct-values', '0,20,40', '--btc-prices-usd', '80000,120000');
    const cells = json['cells'] as number[][];
    expect(json['columnAxis']).toEqual({ name: 'difficultyGrowthRatioPerYear', values: [0, 0.2, 0.4] });
    for (const row of cells) expect(row[0]).toBeGreaterThan(row[1]);
    // hand, 0 % growth at $80,000: 0.27 PH/s × HV × 80,000 − 3.645 kW × 24 h × $0.05
    expect(cells[0][0]).toBeCloseTo(0.27 * HV * 80_000 - 3.645 * 24 * 0.05, 9);
  });

  it('given a company valuation metric × difficulty growth, when run, then the DCF value falls as growth rises', () => {
    const json = runHashdeskJson(
      'grid', '--file', 'data/companies/clsk.json', ...MARKET, '--power-usd-per-kwh', '0.045', '--other-direct-cost-usd-per-btc', '6000',
      '--sga-ex-sbc-usd-per-btc', '9000', '--difficulty-growth-pct-values', '0,50', '--btc-prices-usd', '110000',
    );
    expect(json['metric']).toBe('miningValueUsd');
    const [[flat, growing]] = json['cells'] as number[][];
    expect(growing).toBeLessThan(flat);
  });

  it('given no --json, when run, then the table has a header per column', () => {
    const run = runHashdesk('grid', '--file', 'data/companies/riot.json', ...MARKET, '--power-usd-per-kwh-values', '0.03,0.05');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^BTC price \(USD\)\s+\$0\.03\/kWh\s+\$0\.05\/kWh$/m);
  });

  it.each([
    { args: ['--file', 'data/companies/riot.json', ...MARKET], flag: 'power-usd-per-kwh-values', rule: /is required/ },
    { args: ['--file', 'data/companies/riot.json', ...MARKET, '--power-usd-per-kwh-values', '0.03,x'], flag: 'power-usd-per-kwh-values', rule: /comma-separated list/ },
    { args: ['--file', 'data/companies/riot.json', ...MARKET, '--power-usd-per-kwh-values', '0.03', '--difficulty-growth-pct-values', '10'], flag: 'difficulty-growth-pct-values', rule: /cannot be combined/ },
    { args: ['--file', 'data/companies/riot.json', ...MARKET, '--power-usd-per-kwh-values', '0.03', '--metric', 'nope'], flag: 'metric', rule: /unknown metric 'nope'/ },
    { args: ['--file', 'data/companies/riot.json', ...MARKET, '--difficulty-growth-pct-values', '-100'], flag: 'difficulty-growth-pct-values', rule: /greater than -100/ },
  ])('given $args, when run, then exit 2 names --$flag on stderr and stdout is empty', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('grid', ...args, '--json'), flag, rule);
  });
});
