// Test helper: runs the real CLI the way users do (node tools/cli/bin/hashdesk.js …), which also
// rebuilds the bundle when a source changed. Only *.spec.ts files import this.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'hashdesk.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runHashdesk(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI without blocking this process, so a server in the test (e.g. a replay server) can
 * answer it. `env` is added to this process's environment; an `undefined` value removes a variable.
 */
export function runHashdeskAsync(env: Readonly<Record<string, string | undefined>>, ...args: string[]): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs with --json, expects exit 0 and exactly one JSON object on stdout. */
export function runHashdeskJson(...args: string[]): Record<string, unknown> {
  const run = runHashdesk(...args, '--json');
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Expects exit 2, nothing on stdout and a stderr line starting with `--flag:`. */
export function expectUsageError(run: CliRun, flag: string, rule?: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.startsWith(`--${flag}: `)).toBe(true);
  if (rule) expect(run.stderr).toMatch(rule);
}
