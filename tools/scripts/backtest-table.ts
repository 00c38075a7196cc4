// Prints the README's universe backtest table (markdown) from the bundled company histories and the daily
// network history: node -r ./scripts/register.js tools/scripts/backtest-table.ts [--write]
// --write replaces the table between the README's markers; a unit test fails when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { universeBacktestTable } from './backtest-table.util';

const README = resolve(__dirname, '..', '..', 'README.md');
const table = universeBacktestTable(resolve(__dirname, '..', '..', 'data'));
if (process.argv.includes('--write')) {
  const text = readFileSync(README, 'utf8');
  const [start, end] = ['<!-- backtest-table:start -->', '<!-- backtest-table:end -->'];
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`README.md needs the markers ${start} and ${end}`);
  writeFileSync(README, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
  process.stdout.write(`backtest-table: wrote ${join('README.md')}\n`);
} else {
  process.stdout.write(`${table}\n`);
}
