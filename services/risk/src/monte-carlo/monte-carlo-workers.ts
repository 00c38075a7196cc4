import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeMonteCarloAccumulators, summarizeMonteCarlo, type MonteCarloAccumulator, type MonteCarloPlan, type MonteCarloResult } from '@hashdesk/economics';
import type { MonteCarloWorkerData } from './monte-carlo.worker';

/*
 * Runs a Monte Carlo plan off the calling thread: the paths are split into `workerCount` contiguous
 * ranges, each simulated on its own worker thread. Every path draws from its own stream derived from
 * (seed, path index), so a path gives the same numbers on whichever worker runs it; the partial
 * results are merged in range order. Probabilities, quantiles, VaR and CVaR are therefore identical
 * for any worker count, and means agree to rounding (identical for the same worker count).
 */

const WORKER_FILE = join(__dirname, 'monte-carlo.worker.ts');
/** The workers run the TypeScript sources through the repository's swc register hook. */
const REGISTER_HOOK = join(__dirname, '..', '..', '..', '..', 'scripts', 'register.js');

/** Contiguous ranges of `paths` for `workers` workers, the first ones one path longer when it does not divide. */
export function splitPaths(paths: number, workers: number): Array<{ firstPath: number; endPath: number }> {
  const count = Math.max(1, Math.min(workers, paths));
  const base = Math.floor(paths / count);
  const extra = paths % count;
  const ranges: Array<{ firstPath: number; endPath: number }> = [];
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const end = start + base + (i < extra ? 1 : 0);
    ranges.push({ firstPath: start, endPath: end });
    start = end;
  }
  return ranges;
}

function simulateOnWorker(data: MonteCarloWorkerData): Promise<MonteCarloAccumulator> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: data, execArgv: ['-r', REGISTER_HOOK] });
    let settled = false;
    worker.once('message', (accumulator: MonteCarloAccumulator) => {
      settled = true;
      resolve(accumulator);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Monte Carlo worker exited with code ${code} before posting a result`));
    });
  });
}

/** Simulates every path of the plan on `workerCount` worker threads and merges the parts in order. */
export async function simulateOnWorkers(plan: MonteCarloPlan, workerCount: number): Promise<MonteCarloAccumulator> {
  const parts = await Promise.all(splitPaths(plan.paths, workerCount).map((range) => simulateOnWorker({ plan, ...range })));
  return mergeMonteCarloAccumulators(plan, parts);
}

export async function runMonteCarloOnWorkers(plan: MonteCarloPlan, workerCount: number): Promise<MonteCarloResult> {
  return summarizeMonteCarlo(plan, await simulateOnWorkers(plan, workerCount));
}
