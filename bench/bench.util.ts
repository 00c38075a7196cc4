// A tiny benchmark harness (no dependency): runs a function repeatedly for a fixed time after a
// warm-up and reports operations per second. Not a timed test: numbers vary by machine and load.

export interface BenchResult {
  name: string;
  opsPerSecond: number;
  nsPerOp: number;
  iterations: number;
}

let sink = 0;

/** Feed results here so the optimiser cannot drop the benchmarked work. */
export function consume(value: unknown): void {
  if (typeof value === 'number') sink += value;
  else if (value !== null && typeof value === 'object') sink += Object.keys(value).length;
}

export function bench(name: string, fn: () => unknown, durationMs = 500): BenchResult {
  const warmUpEnd = performance.now() + Math.min(100, durationMs / 5);
  while (performance.now() < warmUpEnd) consume(fn());
  let iterations = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < batch; i += 1) consume(fn());
    iterations += batch;
    batch = Math.min(batch * 2, 100_000);
    elapsed = performance.now() - start;
  }
  const opsPerSecond = (iterations / elapsed) * 1000;
  return { name, opsPerSecond, nsPerOp: 1e9 / opsPerSecond, iterations };
}

export function printResults(title: string, results: readonly BenchResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  process.stdout.write(`\n${title}\n`);
  for (const r of results) {
    const ops = Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(14);
    process.stdout.write(`  ${r.name.padEnd(width)}  ${ops} ops/s  ${r.nsPerOp.toFixed(1).padStart(9)} ns/op\n`);
  }
}

export function sinkValue(): number {
  return sink;
}
