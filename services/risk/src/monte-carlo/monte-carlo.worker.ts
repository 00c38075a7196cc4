// Worker-thread entry: a long-lived worker of MonteCarloWorkerPool. It simulates one range of a
// Monte Carlo plan per task message and posts the accumulator back (typed arrays transferred).
// Started with `-r scripts/register.js` so it runs from the TS sources.
import { parentPort } from 'node:worker_threads';
import { simulateMonteCarloPaths, type MonteCarloAccumulator, type MonteCarloPlan } from '@hashdesk/economics';

export interface MonteCarloTask {
  readonly taskId: number;
  readonly plan: MonteCarloPlan;
  readonly firstPath: number;
  readonly endPath: number;
}

export type MonteCarloTaskReply =
  | { readonly taskId: number; readonly ok: true; readonly accumulator: MonteCarloAccumulator }
  | { readonly taskId: number; readonly ok: false; readonly message: string };

function transferables(accumulator: MonteCarloAccumulator): ArrayBuffer[] {
  return [
    accumulator.firstNegativeMarginMonth.buffer,
    accumulator.firstRunwayBreachMonth.buffer,
    accumulator.burningPaths.buffer,
    accumulator.sample.values.buffer,
    accumulator.sample.heapPriority.buffer,
    accumulator.sample.heapSlot.buffer,
  ] as ArrayBuffer[];
}

parentPort?.on('message', (task: MonteCarloTask) => {
  let reply: MonteCarloTaskReply;
  try {
    const accumulator = simulateMonteCarloPaths(task.plan, task.firstPath, task.endPath);
    reply = { taskId: task.taskId, ok: true, accumulator };
    parentPort?.postMessage(reply, transferables(accumulator));
  } catch (error) {
    reply = { taskId: task.taskId, ok: false, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
