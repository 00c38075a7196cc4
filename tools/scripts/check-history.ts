// Checks company history files (data/companies/history/FORMAT.md): every figure sourced, dated, and
// stated in its excerpt. node -r ./scripts/register.js tools/scripts/check-history.ts [files…]
// (default: every data/companies/history/*.json). Exit 1 when a problem is found.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkCompanyHistory } from '../../libs/economics/src/companies/history/check-company-history';

const dir = resolve(__dirname, '..', '..', 'data', 'companies', 'history');
const args = process.argv.slice(2);
const files = args.length > 0 ? args : readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
let bad = 0;
for (const file of files) {
  let problems;
  try {
    problems = checkCompanyHistory(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    problems = [{ path: '', rule: `not JSON: ${(error as Error).message}` }];
  }
  const json = (() => { try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return {}; } })();
  const figures = Array.isArray(json.figures) ? json.figures.length : 0;
  const quarters = Array.isArray(json.quarters) ? json.quarters.length : 0;
  process.stdout.write(`${file}: ${quarters} quarters, ${figures} figures, ${problems.length} problems\n`);
  for (const p of problems) process.stdout.write(`  ${p.path}: ${p.rule}\n`);
  if (problems.length > 0) bad += 1;
}
process.exit(bad > 0 ? 1 : 0);
