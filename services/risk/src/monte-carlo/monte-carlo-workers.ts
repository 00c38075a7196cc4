import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeMonteCarloAccumulators, summarizeMonteCarlo, type MonteCarloAccumulator, type MonteCarloPlan, type MonteCarloResult } from '@hashdesk/economics';
import type { MonteCarloTask, MonteCarloTaskReply } from './monte-carlo.worker';

/*
 * Runs Monte Carlo plans off the calling thread on a pool of long-lived worker threads: the workers
 * start once (each loads the economics library once) and take one task at a time from a FIFO queue.
 * A run splits its paths into one contiguous range per worker; every path draws from its own stream
 * derived from (seed, path index), so a path gives the same numbers on whichever worker runs it, and
 * the partial results are merged in range order. Probabilities, quantiles, VaR and CVaR are therefore
 * identical for any worker count, and means agree to rounding (identical for the same worker count).
 * A worker that dies fails its task and is replaced. close() rejects queued and running tasks,
 * terminates the workers and refuses new runs. A busy worker keeps the process alive, an idle one not.
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

interface PendingTask {
  readonly task: MonteCarloTask;
  readonly resolve: (accumulator: MonteCarloAccumulator) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  current: PendingTask | null;
}

export class MonteCarloWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingTask[] = [];
  private nextTaskId = 1;
  private closed = false;

  /** Starts `size` workers now (default: the machine's parallelism). */
  constructor(readonly size = Math.max(1, availableParallelism())) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`MonteCarloWorkerPool: size must be a whole number ≥ 1, got ${size}`);
    for (let i = 0; i < size; i += 1) this.workers.push(this.spawn());
  }

  /** Tasks waiting for a worker (not counting those running). */
  get queued(): number {
    return this.queue.length;
  }

  get busy(): number {
    return this.workers.filter((w) => w.current !== null).length;
  }

  /** Simulates every path of the plan across the pool and merges the parts in order. */
  async simulate(plan: MonteCarloPlan): Promise<MonteCarloAccumulator> {
    const parts = await Promise.all(splitPaths(plan.paths, this.size).map((range) => this.submit(plan, range.firstPath, range.endPath)));
    return mergeMonteCarloAccumulators(plan, parts);
  }

  async run(plan: MonteCarloPlan): Promise<MonteCarloResult> {
    return summarizeMonteCarlo(plan, await this.simulate(plan));
  }

  /** Rejects queued and running tasks and terminates the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('Monte Carlo worker pool closed');
    for (const pending of this.queue.splice(0)) pending.reject(error);
    await Promise.all(
      this.workers.map(async (w) => {
        w.current?.reject(error);
        w.current = null;
        await w.worker.terminate();
      }),
    );
  }

  private submit(plan: MonteCarloPlan, firstPath: number, endPath: number): Promise<MonteCarloAccumulator> {
    if (this.closed) return Promise.reject(new Error('Monte Carlo worker pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { taskId: this.nextTaskId++, plan, firstPath, endPath }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      if (w.current !== null) continue;
      const pending = this.queue.shift() as PendingTask;
      w.current = pending;
      w.worker.ref();
      w.worker.postMessage(pending.task);
    }
  }

  private spawn(): PoolWorker {
    const worker = new Worker(WORKER_FILE, { execArgv: ['-r', REGISTER_HOOK] });
    const entry: PoolWorker = { worker, current: null };
    worker.on('message', (reply: MonteCarloTaskReply) => {
      const pending = entry.current;
      entry.current = null;
      worker.unref();
      if (pending && pending.task.taskId === reply.taskId) {
        if (reply.ok) pending.resolve(reply.accumulator);
        else pending.reject(new Error(`Monte Carlo worker failed: ${reply.message}`));
      }
      this.dispatch();
    });
    const replace = (error: Error) => {
      const pending = entry.current;
      entry.current = null;
      pending?.reject(error);
      const index = this.workers.indexOf(entry);
      if (this.closed || index < 0) return;
      this.workers[index] = this.spawn();
      this.dispatch();
    };
    worker.on('error', (error) => replace(error));
    worker.on('exit', (code) => {
      if (!this.closed) replace(new Error(`Monte Carlo worker exited with code ${code}`));
    });
    worker.unref(); // idle until dispatch() gives it a task
    return entry;
  }
}

/** One-shot: starts `workerCount` workers, simulates the plan, stops them (the cost of a cold start included). */
export async function simulateOnWorkers(plan: MonteCarloPlan, workerCount: number): Promise<MonteCarloAccumulator> {
  const pool = new MonteCarloWorkerPool(workerCount);
  try {
    return await pool.simulate(plan);
  } finally {
    await pool.close();
  }
}

export async function runMonteCarloOnWorkers(plan: MonteCarloPlan, workerCount: number): Promise<MonteCarloResult> {
  return summarizeMonteCarlo(plan, await simulateOnWorkers(plan, workerCount));
}
