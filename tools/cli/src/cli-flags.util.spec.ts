import { CliUsageError } from './cli-usage.error';
import { kebabCase, numberFlag, oneOfFlags, optionalNumberFlag, parseFlags } from './cli-flags.util';
import { formatNumber, renderGrid, renderKeyValueTable } from './cli-output.util';

const SPECS = {
  difficulty: { type: 'string', description: 'd' },
  'fee-share': { type: 'string', description: 'f' },
  verbose: { type: 'boolean', description: 'v' },
} as const;

describe('flag parsing', () => {
  it('given `--flag value`, `--flag=value` and a value starting with a dash, when parsed, then all reach the readers as strings', () => {
    expect(parseFlags(['--difficulty', '-5', '--fee-share=0.1', '--verbose', '--json'], SPECS)).toEqual({
      difficulty: '-5',
      'fee-share': '0.1',
      verbose: true,
      json: true,
    });
  });

  it('given -h, when parsed, then it means --help', () => {
    expect(parseFlags(['-h'], SPECS)).toEqual({ help: true });
  });

  it.each([
    { argv: ['--nope', '1'], message: '--nope: unknown flag (see --help)' },
    { argv: ['--difficulty'], message: '--difficulty: needs a value' },
    { argv: ['--difficulty', '--verbose'], message: '--difficulty: needs a value' },
    { argv: ['--verbose=yes'], message: '--verbose: takes no value' },
  ])('given $argv, when parsed, then the error is "$message"', ({ argv, message }) => {
    expect(() => parseFlags(argv, SPECS)).toThrow(new CliUsageError('x', 'y').constructor as typeof CliUsageError);
    expect(() => parseFlags(argv, SPECS)).toThrow(message);
  });
});

describe('number readers', () => {
  it.each([
    { raw: '155.973e12', rule: { min: 0, exclusiveMin: true }, value: 155.973e12 },
    { raw: ' 0.05 ', rule: { min: 0 }, value: 0.05 },
    { raw: '0', rule: { min: 0, max: 1 }, value: 0 },
  ])('given "$raw", when read, then it is $value', ({ raw, rule, value }) => {
    expect(numberFlag({ x: raw }, 'x', rule)).toBe(value);
  });

  it.each([
    { raw: '-1', rule: { min: 0, exclusiveMin: true }, message: "--x: must be a number greater than 0, got '-1'" },
    { raw: '1', rule: { min: 0, max: 1, exclusiveMax: true }, message: "--x: must be a number from 0 to 1 (excluded), got '1'" },
    { raw: '2.5', rule: { min: 0, integer: true }, message: "--x: must be a whole number of at least 0, got '2.5'" },
    { raw: 'NaN', rule: {}, message: "--x: must be a number, got 'NaN'" },
    { raw: 'Infinity', rule: {}, message: "--x: must be a number, got 'Infinity'" },
    { raw: '', rule: {}, message: '--x: needs a value (must be a number)' },
  ])('given "$raw", when read, then the error is "$message"', ({ raw, rule, message }) => {
    expect(() => numberFlag({ x: raw }, 'x', rule)).toThrow(message);
  });

  it('given a missing optional flag, when read, then it is undefined; a missing required one names the flag', () => {
    expect(optionalNumberFlag({}, 'x')).toBeUndefined();
    expect(() => numberFlag({}, 'x', { min: 0 })).toThrow('--x: is required (must be a number of at least 0)');
  });

  it('given alternatives, when none, one or two are present, then required/none/conflict are reported on the right flag', () => {
    expect(oneOfFlags({ b: '1' }, ['a', 'b'])).toBe('b');
    expect(oneOfFlags({}, ['a', 'b'], false)).toBeUndefined();
    expect(() => oneOfFlags({}, ['a', 'b'])).toThrow('--a: is required (give one of --a or --b)');
    expect(() => oneOfFlags({ a: '1', b: '2' }, ['a', 'b'])).toThrow('--b: cannot be combined with --a');
  });

  it('given a library field name, when converted, then it is the kebab-case flag', () => {
    expect(kebabCase('powerUsdPerKwh')).toBe('power-usd-per-kwh');
  });
});

describe('output helpers', () => {
  it('given numbers, when formatted, then integers keep separators and fractions keep significant digits', () => {
    expect(formatNumber(155_973_000_000_000)).toBe('155,973,000,000,000');
    expect(formatNumber(1116.49822343168)).toBe('1,116.5');
    expect(formatNumber(0.00040627, 5)).toBe('0.00040627');
    expect(formatNumber(0.000001234)).toBe('0.00000123400');
  });

  it('given rows, when rendered, then labels and values align and undefined rows are skipped', () => {
    const text = renderKeyValueTable([
      { label: 'a', value: 1, unit: 'BTC' },
      { label: 'longer', value: 1000 },
      { label: 'hidden', value: undefined },
    ]);
    expect(text).toBe('a           1 BTC\nlonger  1,000');
  });

  it('given a grid, when rendered, then it has a header, a rule and right-aligned numbers', () => {
    expect(renderGrid(['p', 'profit'], [[0.05, 10], [0.1, -2]])).toBe('   p  profit\n----  ------\n0.05      10\n 0.1      -2');
  });
});
