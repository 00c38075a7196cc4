import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

const MARKET = ['--price-usd', '100000', '--difficulty', '150e12', '--height', '930000', '--fees-btc-per-block', '0.025'];
const S21 = ['--model', 'Antminer S21', '--power-usd-per-kwh', '0.05'];
type Row = { metric: string; base: number | null; shocked: number | null; changeRatio: number | null };
const rowsOf = (json: Record<string, unknown>, index = 0) => (json['scenarios'] as Array<{ name: string; rows: Row[] }>)[index].rows;
const rowOf = (rows: Row[], metric: string) => rows.find((r) => r.metric === metric) as Row;

describe('hashdesk scenario', () => {
  it('given an S21 and BTC −20 % with the halving, when run, then revenue scales by 0.8 × 1.5875/3.15 and power cost is unchanged', () => {
    const json = runHashdeskJson('scenario', ...S21, ...MARKET, '--btc-price-pct', '-20', '--halving');
    const rows = rowsOf(json);
    expect(rowOf(rows, 'revenueUsdPerDay').changeRatio).toBeCloseTo((0.8 * 1.5875) / 3.15 - 1, 12);
    expect(rowOf(rows, 'powerCostUsdPerDay').changeRatio).toBeCloseTo(0, 12);
    expect(json['target']).toMatchObject({ kind: 'machine', model: 'Antminer S21', hashrateThs: 200, powerW: 3500 });
    expect((json['scenarios'] as Array<{ shockedMarket: { height: number; btcPriceUsd: number } }>)[0].shockedMarket).toMatchObject({ height: 1_050_000, btcPriceUsd: 80_000 });
  });

  it('given a company and power +30 %, when run with chosen metrics, then power cost per BTC rises 30 % and BTC per day is unchanged', () => {
    const json = runHashdeskJson('scenario', '--file', 'data/companies/riot.json', ...MARKET, '--power-pct', '30', '--metrics', 'btcPerDay,powerCostPerBtcUsd');
    const rows = rowsOf(json);
    expect(rows.map((r) => r.metric)).toEqual(['btcPerDay', 'powerCostPerBtcUsd']);
    expect(rowOf(rows, 'powerCostPerBtcUsd').changeRatio).toBeCloseTo(0.3, 12);
    expect(rowOf(rows, 'btcPerDay').changeRatio).toBeCloseTo(0, 12);
  });

  it('given --standard, when run, then the six standard scenarios are returned and the table has one column each', () => {
    const json = runHashdeskJson('scenario', ...S21, ...MARKET, '--standard');
    expect((json['scenarios'] as Array<{ name: string }>).map((s) => s.name)).toEqual(['btc price −20 %', 'difficulty +10 %', 'fees −50 %', 'power price +30 %', 'halving', 'all of the above']);
    const text = runHashdesk('scenario', ...S21, ...MARKET, '--standard').stdout;
    expect(text).toMatch(/^metric\s+base\s+btc price −20 %\s+difficulty \+10 %/m);
  });

  it.each([
    { args: [...S21, ...MARKET], flag: 'btc-price-pct', rule: /give at least one shock/ },
    { args: [...S21, ...MARKET, '--btc-price-pct', '-100'], flag: 'btc-price-pct', rule: /greater than -100/ },
    { args: [...S21, ...MARKET, '--halving', '--standard'], flag: 'standard', rule: /cannot be combined/ },
    { args: ['--model', 'Antminer S21', ...MARKET, '--halving'], flag: 'power-usd-per-kwh', rule: /is required for a machine/ },
    { args: [...S21, ...MARKET, '--halving', '--metrics', 'nope'], flag: 'metrics', rule: /unknown metric 'nope'/ },
    { args: ['--file', 'data/companies/riot.json', '--model', 'S21', ...MARKET, '--halving'], flag: 'model', rule: /cannot be combined with --file/ },
  ])('given $args, when run, then exit 2 names --$flag on stderr and stdout is empty', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('scenario', ...args, '--json'), flag, rule);
  });
});
