import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { universeBacktestTable } from './backtest-table.util';

const ROOT = resolve(__dirname, '..', '..');

describe('README universe backtest table', () => {
  it('given the bundled histories, when the table is generated, then the README carries it as it is (regenerate with backtest-table.ts --write)', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const inside = readme.slice(readme.indexOf('<!-- backtest-table:start -->') + '<!-- backtest-table:start -->'.length, readme.indexOf('<!-- backtest-table:end -->')).trim();
    expect(inside).toBe(universeBacktestTable(resolve(ROOT, 'data')));
  });

  it('given the table, when read, then it has one row per company history', () => {
    const rows = universeBacktestTable(resolve(ROOT, 'data')).split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^\| [A-Z0-9.]+ \| \d+ \| /);
  });
});
