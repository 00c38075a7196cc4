import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

describe('hashdesk subsidy', () => {
  it('given height 840,000 (fourth halving, docs/methodology.md §1.3), when run with --json, then the subsidy is 3.125 BTC = 312,500,000 sat and the next halving is 210,000 blocks away', () => {
    expect(runHashdeskJson('subsidy', '--height', '840000')).toEqual({
      height: 840_000,
      subsidyBtc: 3.125,
      subsidySats: 312_500_000,
      halvings: 4,
      nextHalvingHeight: 1_050_000,
      blocksToNextHalving: 210_000,
    });
  });

  it('given height 6,930,000 (Luxor glossary: subsidy becomes zero), when run, then subsidySats is 0', () => {
    expect(runHashdeskJson('subsidy', '--height', '6930000')).toMatchObject({ subsidySats: 0, subsidyBtc: 0, halvings: 33 });
  });

  it('given height 930,086 at 2025-12-30T00:00Z, when projecting the halving, then the date is 2028-04-10 (docs/methodology.md §1.3)', () => {
    const json = runHashdeskJson('subsidy', '--height', '930086', '--time-unix', String(Date.UTC(2025, 11, 30) / 1000));
    expect(String(json['projectedHalvingDateUtc']).slice(0, 10)).toBe('2028-04-10');
  });

  it('given no --json, when run, then a readable table is printed', () => {
    const run = runHashdesk('subsidy', '--height', '210000');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/subsidy\s+25 BTC/);
    expect(run.stdout).toMatch(/next halving height\s+420,000/);
  });

  it.each([
    { args: ['--height', '-1'], rule: /whole number of at least 0, got '-1'/ },
    { args: ['--height', '1.5'], rule: /whole number/ },
    { args: ['--height', 'abc'], rule: /got 'abc'/ },
    { args: [], rule: /is required/ },
    { args: ['--height'], rule: /needs a value/ },
  ])('given $args, when run, then exit 2 names --height on stderr and stdout is empty', ({ args, rule }) => {
    expectUsageError(runHashdesk('subsidy', ...args, '--json'), 'height', rule);
  });
});
