// Monte Carlo throughput: 100,000 paths × 365 days of GBM (calibrated on data/reference/network-daily.csv).
// Run from the repository root:
//   node -r ./scripts/register.js bench/monte-carlo.bench.ts [paths]
// Each case runs in its own child process (so peak RSS is that case's), three times; the table gives
// the best and median wall time, paths × days per second (best), peak RSS and peak V8 heap.
// Reference: a vectorised NumPy GBM of 100,000 × 365 takes about 0.6 s on this kind of machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  calibrateGbm,
  planMonteCarlo,
  SeededRandom,
  simulateMonteCarloPaths,
  summarizeMonteCarlo,
  type CompanyProfile,
  type MonteCarloCompanyInput,
  type MonteCarloStartMarket,
  type SourcedFigure,
} from '@hashdesk/economics';
import { MonteCarloWorkerPool, simulateOnWorkers } from '../services/risk/src/monte-carlo/monte-carlo-workers';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { ILLUSTRATIVE_OPEX_ASSUMPTIONS } from '../services/risk/src/monte-carlo/illustrative-opex';

const ROOT = join(__dirname, '..');
const PATHS = Number(process.argv[3] ?? process.argv[2] ?? 100_000) || 100_000;
const DAYS = 365;
const WORKERS = 2;

// ── inputs: the bundled history's last day, GBM calibrated on all of it ─────────────────────────
const rows = readFileSync(join(ROOT, 'data', 'reference', 'network-daily.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
const prices = rows.map((r) => Number(r[1]));
const last = rows[rows.length - 1];
const calibration = calibrateGbm(prices);
const market: MonteCarloStartMarket = {
  btcPriceUsd: Number(last[1]),
  difficulty: (Number(last[2]) * 1e12 * 600) / 2 ** 32, // D = H·600/2^32 (docs/methodology.md §1.2)
  height: 930_000, // approximate height at 2025-12-29 (the CSV has no heights)
  feesBtcPerBlock: Number(last[5]) / Number(last[3]),
};
const priceModel = { kind: 'gbm' as const, driftPerYear: calibration.driftPerYear, volatilityPerYear: calibration.volatilityPerYear };

/**
 * The shipped profiles are sparse (no company has every figure the simulation needs), so for
 * throughput only, null figures are filled with illustrative round values. Not a valuation.
 */
function gapFilled(profile: CompanyProfile): CompanyProfile {
  const fill = (figure: SourcedFigure, value: number): SourcedFigure => (figure.value === null ? { value, asOf: null, source: 'benchmark gap-fill' } : figure);
  return {
    ...profile,
    fleet: { ...profile.fleet, installedHashrateEhs: fill(profile.fleet.installedHashrateEhs, 10), efficiencyJth: fill(profile.fleet.efficiencyJth, 20) },
    power: { ...profile.power, averagePriceUsdPerKwh: fill(profile.power.averagePriceUsdPerKwh, 0.05) },
    hosting: undefined,
    hpcContracts: [],
    balanceSheet: {
      ...profile.balanceSheet,
      btcHeld: fill(profile.balanceSheet.btcHeld, 0),
      cashUsd: fill(profile.balanceSheet.cashUsd, 100e6),
      totalDebtUsd: fill(profile.balanceSheet.totalDebtUsd, 0),
      sharesOutstanding: fill(profile.balanceSheet.sharesOutstanding, 300e6),
    },
  };
}

function companies(which: 'none' | 'one' | 'all'): MonteCarloCompanyInput[] {
  if (which === 'none') return [];
  const profiles = readShippedCompanyProfiles().map(gapFilled);
  const chosen = which === 'one' ? profiles.filter((p) => p.ticker === 'RIOT') : profiles;
  return chosen.map((profile) => ({ profile, options: { company: ILLUSTRATIVE_OPEX_ASSUMPTIONS } }));
}

// ── the baseline: a plain implementation, every path held, Box–Muller, Math.exp every step ──────
function baselineGbm(paths: number, days: number): number {
  const random = new SeededRandom(1);
  const dt = 1 / 365.25;
  const drift = (priceModel.driftPerYear - priceModel.volatilityPerYear ** 2 / 2) * dt;
  const vol = priceModel.volatilityPerYear * Math.sqrt(dt);
  const all: number[][] = [];
  for (let p = 0; p < paths; p += 1) {
    const path: number[] = [market.btcPriceUsd];
    for (let t = 1; t <= days; t += 1) {
      const z = Math.sqrt(-2 * Math.log(random.uniform())) * Math.cos(2 * Math.PI * random.uniform());
      path.push(path[t - 1] * Math.exp(drift + vol * z));
    }
    all.push(path);
  }
  const terminal = all.map((path) => path[days]).sort((a, b) => a - b);
  const mean = terminal.reduce((s, v) => s + v, 0) / paths;
  return mean + terminal[Math.floor(0.05 * paths)];
}

interface CaseResult {
  name: string;
  millis: number[];
  maxRssMb: number;
  peakHeapMb: number;
  planMillis: number;
  note?: string;
}

async function runCase(name: string): Promise<CaseResult> {
  const millis: number[] = [];
  let peakHeap = 0;
  let planMillis = 0;
  let note: string | undefined;
  const sampleHeap = () => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  };
  const timer = setInterval(sampleHeap, 5);
  // pool: the persistent pool the risk service keeps, started (and warmed by one small run) before timing
  const pool = name.startsWith('pool:') ? new MonteCarloWorkerPool(WORKERS) : null;
  if (pool) await pool.simulate(planMonteCarlo([], market, { seed: 1, paths: 1_000, priceModel }));
  for (let rep = 0; rep < 3; rep += 1) {
    if (name === 'baseline') {
      const t0 = performance.now();
      baselineGbm(PATHS, DAYS);
      millis.push(performance.now() - t0);
      sampleHeap();
      continue;
    }
    const [mode, which] = name.split(':') as ['single' | 'workers' | 'pool', 'none' | 'one' | 'all'];
    const p0 = performance.now();
    const plan = planMonteCarlo(companies(which), market, { seed: 2025, paths: PATHS, priceModel });
    planMillis = performance.now() - p0;
    const t0 = performance.now();
    const acc = mode === 'single' ? simulateMonteCarloPaths(plan) : pool ? await pool.simulate(plan) : await simulateOnWorkers(plan, WORKERS);
    const result = summarizeMonteCarlo(plan, acc);
    millis.push(performance.now() - t0);
    sampleHeap();
    const c = result.companies.find((x) => x.ticker === 'RIOT') ?? result.companies[0];
    note = `${result.companies.length} companies; terminal BTC 5 % quantile = ${Math.round(result.terminalBtcPriceUsd.percentiles[1].value)} USD` + (c ? `; ${c.ticker} P(neg. cash margin ≤12 m) = ${c.horizons[2].probabilityNegativeCashMargin.toFixed(3)}` : '');
  }
  clearInterval(timer);
  await pool?.close();
  return { name, millis, maxRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 2 ** 20, planMillis, note };
}

const CASES: Array<[string, string]> = [
  ['baseline', 'baseline: all paths in number[][], Box–Muller, Math.exp (price paths only)'],
  ['single:none', 'engine, 1 thread, price + difficulty paths only'],
  ['single:one', 'engine, 1 thread, one company (RIOT)'],
  ['single:all', 'engine, 1 thread, all 12 shipped companies'],
  ['workers:none', `engine, ${WORKERS} worker threads, paths only (incl. worker start)`],
  ['workers:one', `engine, ${WORKERS} worker threads, one company (incl. worker start)`],
  ['workers:all', `engine, ${WORKERS} worker threads, all 12 companies (incl. worker start)`],
  ['pool:none', `engine, persistent pool of ${WORKERS} workers, paths only`],
  ['pool:one', `engine, persistent pool of ${WORKERS} workers, one company`],
  ['pool:all', `engine, persistent pool of ${WORKERS} workers, all 12 companies`],
];

async function main(): Promise<void> {
  if (process.argv[2] === '--case') {
    process.stdout.write(JSON.stringify(await runCase(process.argv[4] ?? 'baseline')));
    return;
  }
  process.stdout.write(`Monte Carlo benchmark: ${PATHS.toLocaleString('en-US')} paths × ${DAYS} days, GBM μ = ${calibration.driftPerYear.toFixed(3)}/yr, σ = ${calibration.volatilityPerYear.toFixed(3)}/yr (calibrated on ${calibration.observations} daily returns)\n`);
  process.stdout.write(`start: BTC ${market.btcPriceUsd.toFixed(0)} USD, difficulty ${(market.difficulty / 1e12).toFixed(1)} T, height ${market.height}\n\n`);
  const header = `${'case'.padEnd(72)} ${'best s'.padStart(7)} ${'median s'.padStart(8)} ${'paths×days/s'.padStart(14)} ${'peak RSS MB'.padStart(11)} ${'peak heap MB'.padStart(12)} ${'plan s'.padStart(7)}\n`;
  process.stdout.write(header);
  for (const [id, label] of CASES) {
    const out = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), __filename, '--case', String(PATHS), id], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out) as CaseResult;
    const sorted = [...r.millis].sort((a, b) => a - b);
    const best = sorted[0] / 1000;
    const median = sorted[1] / 1000;
    const throughput = (PATHS * DAYS) / best;
    process.stdout.write(
      `${label.padEnd(72)} ${best.toFixed(3).padStart(7)} ${median.toFixed(3).padStart(8)} ${Math.round(throughput).toLocaleString('en-US').padStart(14)} ${r.maxRssMb.toFixed(0).padStart(11)} ${r.peakHeapMb.toFixed(0).padStart(12)} ${(r.planMillis / 1000).toFixed(3).padStart(7)}\n`,
    );
    if (r.note) process.stdout.write(`    ${r.note}\n`);
  }
  process.stdout.write('\nplan s = preparing companies (their fair-value grids: 33 × 17 DCF valuations each), not included in the timings.\n');
  process.stdout.write('All 12 shipped profiles miss figures the simulation needs; this benchmark fills them with round illustrative values (throughput only).\n');
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
