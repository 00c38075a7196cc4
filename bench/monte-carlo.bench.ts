// Monte Carlo throughput: 100,000 paths × 365 days of GBM (calibrated on data/reference/network-daily.csv).
// Run from the repository root:
//   node -r ./scripts/register.js bench/monte-carlo.bench.ts [paths] [--universe]
// (--universe: only the universe comparison at the end.)
// Each case runs in its own child process (so peak RSS is that case's), three times; the table gives
// the best and median wall time, paths × days per second (best) and its ratio to the plain baseline
// measured first in the same run (the limit beside each figure: 1.00 = no faster than the plain loop),
// peak RSS and peak V8 heap.
// Then the universe run of issue #16: every tracked company (the newest profile version of each history
// in data/companies/history, built as ingest's load-history builds them), 100,000 paths × 365 days, as the
// risk service runs it (plan, persistent pool of 2 workers, summary with the ranking), next to a NumPy
// run of the same model on the same plan (bench/monte_carlo_numpy.py, python3), measured in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  buildProfileVersions,
  calibrateGbm,
  parseCompanyProfile,
  planMonteCarlo,
  resolveMonteCarloOpex,
  SeededRandom,
  simulateMonteCarloPaths,
  summarizeMonteCarlo,
  type CompanyHistory,
  type CompanyProfile,
  type MonteCarloCompanyInput,
  type MonteCarloPlan,
  type MonteCarloResult,
  type MonteCarloStartMarket,
  type SourcedFigure,
} from '@hashdesk/economics';
import { MonteCarloWorkerPool, simulateOnWorkers } from '../services/risk/src/monte-carlo/monte-carlo-workers';
import { ILLUSTRATIVE_OPEX_FALLBACKS } from '../services/risk/src/monte-carlo/illustrative-opex';

const ROOT = join(__dirname, '..');
const CHILD = process.argv[2] === '--case';
const UNIVERSE_ONLY = process.argv.includes('--universe');
const PATHS = Number(CHILD ? process.argv[3] : process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000) || 100_000;
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

let tracked: CompanyProfile[] | undefined;

/** Every tracked company: the newest profile version of each history, built as ingest's load-history builds them (the version risk holds). Read once. */
function trackedProfiles(): CompanyProfile[] {
  const dir = join(ROOT, 'data', 'companies', 'history');
  tracked ??= readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => buildProfileVersions(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CompanyHistory).at(-1))
    .filter((version) => version !== undefined)
    .map((version) => parseCompanyProfile(version.profile));
  return tracked;
}

/**
 * The profiles are sparse (no company has every figure the simulation needs), so for throughput only,
 * null fleet, power and balance-sheet figures are filled with illustrative round values ('benchmark
 * gap-fill'). Not a valuation. Opex is not filled here: it goes through the service's named fallbacks.
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

/** Each company's own opex, else the service's named per-BTC fallback (run-monte-carlo.use-case.ts does the same). */
function companies(which: 'none' | 'one' | 'all'): MonteCarloCompanyInput[] {
  if (which === 'none') return [];
  const profiles = trackedProfiles().map(gapFilled);
  const chosen = which === 'one' ? profiles.filter((p) => p.ticker === 'RIOT') : profiles;
  return chosen.map((profile) => ({ profile, options: { company: resolveMonteCarloOpex(profile, {}, ILLUSTRATIVE_OPEX_FALLBACKS).company } }));
}
const TRACKED = trackedProfiles().length;

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
  ['single:all', `engine, 1 thread, all ${TRACKED} tracked companies`],
  ['workers:none', `engine, ${WORKERS} worker threads, paths only (incl. worker start)`],
  ['workers:one', `engine, ${WORKERS} worker threads, one company (incl. worker start)`],
  ['workers:all', `engine, ${WORKERS} worker threads, all ${TRACKED} companies (incl. worker start)`],
  ['pool:none', `engine, persistent pool of ${WORKERS} workers, paths only`],
  ['pool:one', `engine, persistent pool of ${WORKERS} workers, one company`],
  ['pool:all', `engine, persistent pool of ${WORKERS} workers, all ${TRACKED} companies`],
];

// ── the universe run against NumPy ──────────────────────────────────────────────────────────────
const NUMPY_SCRIPT = join(ROOT, 'bench', 'monte_carlo_numpy.py');
const UNIVERSE_SEED = 2025;

interface UniverseResult {
  companies: number;
  skipped: string[];
  /** Per repetition: planning (fair-value grids), simulation, summary (quantiles and ranking). */
  planMillis: number[];
  simulateMillis: number[];
  summarizeMillis: number[];
  /** CPU time of the process (every thread: the workers too) for plan + simulate + summarise. */
  cpuMillis: number[];
  singleThreadMillis: number[];
  planFile: string;
  ranking: string[];
  probabilities: Record<string, number>;
  terminalMedian: number;
}

/** The plan in the form bench/monte_carlo_numpy.py reads (everything it needs to run the same model). */
function planForNumpy(plan: MonteCarloPlan): unknown {
  const retargetDays: number[] = [];
  plan.retargetDay.forEach((flag, t) => flag === 1 && retargetDays.push(t));
  return {
    seed: plan.seed, paths: plan.paths, days: plan.days, months: plan.months, market: plan.market,
    priceModel: { kind: plan.priceModel.kind, gbmDriftPerDay: plan.priceModel.gbmDriftPerDay, gbmVolatilityPerDay: plan.priceModel.gbmVolatilityPerDay },
    difficultyModel: plan.difficultyModel, horizonsMonths: plan.horizonsMonths, rankingHorizonMonths: plan.rankingHorizonMonths, runwayFloorMonths: plan.runwayFloorMonths,
    monthEndDay: [...plan.monthEndDay], btcPerEhDayAtUnitDifficulty: [...plan.btcPerEhDayAtUnitDifficulty], logRewardRatio: [...plan.logRewardRatio], retargetDays,
    layout: { priceNodesUsd: [...plan.layout.priceNodesUsd], difficultyNodes: [...plan.layout.difficultyNodes] },
    companies: plan.companies.map((c) => ({
      ticker: c.ticker, hashrateNetEhs: c.hashrateEhs * (1 - c.poolFee), powerCostUsdPerDay: c.powerCostUsdPerDay, miningFixedCostUsdPerDay: c.miningFixedCostUsdPerDay,
      miningVariableCostUsdPerBtc: c.miningVariableCostUsdPerBtc, corporateCostUsdPerDay: c.corporateCostUsdPerDay, corporateCostUsdPerBtc: c.corporateCostUsdPerBtc,
      otherIncomeUsdPerDay: c.otherIncomeUsdPerDay, shutdownWhenUnprofitable: c.shutdownWhenUnprofitable, cashUsd: c.cashUsd, btcHeld: c.btcHeld,
      liquidBtc: c.liquidityIncludesBtc ? c.btcHeld : 0, debtAndPreferredUsd: c.debtAndPreferredUsd, sharesOutstanding: c.sharesOutstanding, hpcValueUsd: c.hpcValueUsd,
      baseFairValuePerShareUsd: c.baseFairValuePerShareUsd, miningValueGridUsd: [...c.miningValueGridUsd],
    })),
  };
}

/** The universe as the risk service runs it: plan on this thread, simulate on the warm pool, summarise (with the ranking); then once on one thread. */
async function runUniverse(planFile: string): Promise<UniverseResult> {
  const inputs = companies('all');
  const config = { seed: UNIVERSE_SEED, paths: PATHS, priceModel };
  const pool = new MonteCarloWorkerPool(WORKERS);
  await pool.simulate(planMonteCarlo(inputs.slice(0, 1), market, { ...config, paths: 2_000 })); // warm: workers started, code compiled
  const out: UniverseResult = { companies: 0, skipped: [], planMillis: [], simulateMillis: [], summarizeMillis: [], cpuMillis: [], singleThreadMillis: [], planFile, ranking: [], probabilities: {}, terminalMedian: 0 };
  let result: MonteCarloResult | undefined;
  let plan: MonteCarloPlan | undefined;
  for (let rep = 0; rep < 3; rep += 1) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    plan = planMonteCarlo(inputs, market, config);
    const t1 = performance.now();
    const acc = await pool.simulate(plan);
    const t2 = performance.now();
    result = summarizeMonteCarlo(plan, acc);
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    out.cpuMillis.push((cpu.user + cpu.system) / 1000);
    out.planMillis.push(t1 - t0);
    out.simulateMillis.push(t2 - t1);
    out.summarizeMillis.push(t3 - t2);
  }
  await pool.close();
  for (let rep = 0; rep < 2; rep += 1) {
    const t0 = performance.now();
    summarizeMonteCarlo(plan as MonteCarloPlan, simulateMonteCarloPaths(plan as MonteCarloPlan));
    out.singleThreadMillis.push(performance.now() - t0);
  }
  const r = result as MonteCarloResult;
  writeFileSync(planFile, JSON.stringify(planForNumpy(plan as MonteCarloPlan)));
  out.companies = r.companies.length;
  out.skipped = r.skippedCompanies.map((s) => `${s.ticker} (${s.reason ?? s.missingInputs.join(', ')})`);
  out.ranking = r.ranking.rows.map((row) => row.ticker);
  out.probabilities = Object.fromEntries(r.ranking.rows.map((row) => [row.ticker, row.probabilityNegativeCashMargin]));
  out.terminalMedian = r.terminalBtcPriceUsd.percentiles.find((p) => p.probability === 0.5)?.value ?? Number.NaN;
  return out;
}

interface NumpyRun {
  seconds: number;
  cpuSeconds: number;
  chunk: number;
  numpy: string;
  ranking: string[];
  companies: Array<{ ticker: string; probabilityNegativeCashMargin: number }>;
  terminalBtcPriceUsd: { percentiles: number[] };
}

async function universeSection(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hashdesk-mc-bench-'));
  try {
    const planFile = join(dir, 'plan.json');
    const loadBefore = loadavg();
    const child = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), __filename, '--case', String(PATHS), 'universe', planFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const ts = JSON.parse(child) as UniverseResult;
    const numpyRuns: NumpyRun[] = [];
    let numpyProblem: string | null = null;
    try {
      for (let rep = 0; rep < 3; rep += 1) numpyRuns.push(JSON.parse(execFileSync('python3', [NUMPY_SCRIPT, planFile], { encoding: 'utf8', maxBuffer: 1 << 24 })) as NumpyRun);
    } catch (error) {
      numpyProblem = (error as Error).message.split('\n')[0];
    }
    const loadAfter = loadavg();
    const best = (xs: number[]) => Math.min(...xs);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const totals = ts.planMillis.map((p, i) => p + ts.simulateMillis[i] + ts.summarizeMillis[i]);
    const simSum = ts.simulateMillis.map((s, i) => s + ts.summarizeMillis[i]);
    const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
    const w = (text: string) => process.stdout.write(`${text}\n`);
    w(`\nUniverse Monte Carlo (issue #16): ${ts.companies} of ${TRACKED} tracked companies (data/companies/history, newest versions, gap-filled as above; opex: own figures, else the named fallback), ${PATHS.toLocaleString('en-US')} paths × ${DAYS} days, GBM, seed ${UNIVERSE_SEED}`);
    if (ts.skipped.length > 0) w(`  not simulated: ${ts.skipped.join('; ')}`);
    w(`  machine: ${cpus().length} cores, load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after: wall times include whatever else runs; CPU times do not`);
    w(`  TypeScript, persistent pool of ${WORKERS} worker threads (as the risk service): plan ${s(best(ts.planMillis))} + simulate ${s(best(ts.simulateMillis))} + summarise ${s(best(ts.summarizeMillis))}`);
    w(`    total (plan + simulate + summarise): best ${s(best(totals))}, median ${s(median(totals))} of 3   ${best(totals) <= 2_000 ? '≤ 2 s: target met' : '> 2 s: target NOT met'}; CPU (all threads) best ${s(best(ts.cpuMillis))}`);
    w(`    simulate + summarise: best ${s(best(simSum))}, median ${s(median(simSum))}`);
    w(`  TypeScript, 1 thread: simulate + summarise best ${s(best(ts.singleThreadMillis))} of 2`);
    if (numpyRuns.length > 0) {
      const np = numpyRuns.map((r) => r.seconds * 1000);
      w(`  NumPy ${numpyRuns[0].numpy} (python3 bench/monte_carlo_numpy.py, 1 thread, vectorised in ${numpyRuns[0].chunk.toLocaleString('en-US')}-path blocks, same plan): simulate + summarise best ${s(best(np))}, median ${s(median(np))} of 3; CPU best ${s(best(numpyRuns.map((r) => r.cpuSeconds * 1000)))}`);
      w(`  ratio NumPy ÷ TypeScript, simulate + summarise: ${(best(np) / best(simSum)).toFixed(2)}× (pool of ${WORKERS}), ${(best(np) / best(ts.singleThreadMillis)).toFixed(2)}× (1 thread against 1 thread); NumPy ÷ TypeScript total incl. plan: ${(best(np) / best(totals)).toFixed(2)}×`);
      const numpyP = Object.fromEntries(numpyRuns[0].companies.map((c) => [c.ticker, c.probabilityNegativeCashMargin]));
      const worst = Math.max(...Object.keys(ts.probabilities).map((t) => Math.abs(ts.probabilities[t] - (numpyP[t] ?? Number.NaN))));
      w(`  cross-check (same model, different random numbers): P(negative cash margin within 12 months) differs by at most ${worst.toFixed(4)} across companies; terminal BTC median ${Math.round(ts.terminalMedian)} (TS) vs ${Math.round(numpyRuns[0].terminalBtcPriceUsd.percentiles[1])} (NumPy) USD`);
      w(`  ranking, riskiest first: TS ${ts.ranking.join(' ')} | NumPy ${numpyRuns[0].ranking.join(' ')}`);
    } else {
      w(`  NumPy: not run (${numpyProblem}); install it with pip install numpy`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (CHILD) {
    const id = process.argv[4] ?? 'baseline';
    process.stdout.write(JSON.stringify(id === 'universe' ? await runUniverse(process.argv[5] as string) : await runCase(id)));
    return;
  }
  if (UNIVERSE_ONLY) {
    await universeSection();
    return;
  }
  process.stdout.write(`Monte Carlo benchmark: ${PATHS.toLocaleString('en-US')} paths × ${DAYS} days, GBM μ = ${calibration.driftPerYear.toFixed(3)}/yr, σ = ${calibration.volatilityPerYear.toFixed(3)}/yr (calibrated on ${calibration.observations} daily returns)\n`);
  process.stdout.write(`start: BTC ${market.btcPriceUsd.toFixed(0)} USD, difficulty ${(market.difficulty / 1e12).toFixed(1)} T, height ${market.height}\n\n`);
  const header = `${'case'.padEnd(72)} ${'best s'.padStart(7)} ${'median s'.padStart(8)} ${'paths×days/s'.padStart(14)} ${'× baseline'.padStart(10)} ${'peak RSS MB'.padStart(11)} ${'peak heap MB'.padStart(12)} ${'plan s'.padStart(7)}\n`;
  process.stdout.write(header);
  let baseline = 0;
  for (const [id, label] of CASES) {
    const out = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), __filename, '--case', String(PATHS), id], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out) as CaseResult;
    const sorted = [...r.millis].sort((a, b) => a - b);
    const best = sorted[0] / 1000;
    const median = sorted[1] / 1000;
    const throughput = (PATHS * DAYS) / best;
    if (id === 'baseline') baseline = throughput;
    process.stdout.write(
      `${label.padEnd(72)} ${best.toFixed(3).padStart(7)} ${median.toFixed(3).padStart(8)} ${Math.round(throughput).toLocaleString('en-US').padStart(14)} ${(throughput / baseline).toFixed(2).padStart(10)} ${r.maxRssMb.toFixed(0).padStart(11)} ${r.peakHeapMb.toFixed(0).padStart(12)} ${(r.planMillis / 1000).toFixed(3).padStart(7)}\n`,
    );
    if (r.note) process.stdout.write(`    ${r.note}\n`);
  }
  process.stdout.write('\nplan s = preparing companies (their fair-value grids: 33 × 17 DCF valuations each), not included in the timings.\n');
  process.stdout.write(`All ${TRACKED} tracked profiles miss figures the simulation needs; this benchmark fills fleet, power and balance-sheet gaps with round illustrative values (throughput only).\n`);
  await universeSection();
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
