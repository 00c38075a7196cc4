// Worker-thread entry: simulates one range of a Monte Carlo plan and posts the accumulator back.
// Started by monte-carlo-workers.ts with `-r scripts/register.js` so it runs from the TS sources.
import { parentPort, workerData } from 'node:worker_threads';
import { simulateMonteCarloPaths, type MonteCarloPlan } from '@hashdesk/economics';

export interface MonteCarloWorkerData {
  readonly plan: MonteCarloPlan;
  readonly firstPath: number;
  readonly endPath: number;
}

const { plan, firstPath, endPath } = workerData as MonteCarloWorkerData;
const accumulator = simulateMonteCarloPaths(plan, firstPath, endPath);
const transfer = [
  accumulator.firstNegativeMarginMonth.buffer,
  accumulator.firstRunwayBreachMonth.buffer,
  accumulator.sample.values.buffer,
  accumulator.sample.heapPriority.buffer,
  accumulator.sample.heapSlot.buffer,
] as ArrayBuffer[];
parentPort?.postMessage(accumulator, transfer);
