import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_ADMIN_API_KEY } from './test-api-keys';

export type ServiceName = 'ingest' | 'valuation' | 'risk' | 'notification' | 'console';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const PORT_VARIABLE: Record<ServiceName, string> = {
  ingest: 'INGEST_HTTP_PORT',
  valuation: 'VALUATION_HTTP_PORT',
  risk: 'RISK_HTTP_PORT',
  notification: 'NOTIFICATION_HTTP_PORT',
  console: 'CONSOLE_HTTP_PORT',
};

/** Every child still running when the test process exits is killed: no orphan holds a port or a consumer group. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/**
 * A hashdesk service as a real OS process, as it runs in production: started from its main.ts,
 * stopped with SIGTERM (graceful) or SIGKILL (a crash). Its output goes to tmp/test-logs/.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly logFile: string;

  /** `logLabel` names the log file (default: the topic prefix), e.g. for a stack that runs without one. */
  constructor(readonly name: ServiceName, readonly port: number, private readonly env: Record<string, string>, options: { logLabel?: string } = {}) {
    const dir = join(REPO_ROOT, 'tmp', 'test-logs');
    mkdirSync(dir, { recursive: true });
    this.logFile = join(dir, `${options.logLabel ?? env.KAFKA_TOPIC_PREFIX ?? ''}${name}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(readyTimeoutMs = 60_000): Promise<this> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // HASHDESK_CPU_PROF_DIR: each service writes a V8 CPU profile there when it exits (benchmarks: where the time goes).
    const profile = process.env.HASHDESK_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.HASHDESK_CPU_PROF_DIR] : [];
    const child = spawn(process.execPath, [...profile, '-r', join(REPO_ROOT, 'scripts', 'register.js'), join(REPO_ROOT, 'services', this.name, 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HASHDESK_ADMIN_API_KEY: TEST_ADMIN_API_KEY, ...this.env, [PORT_VARIABLE[this.name]]: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    running.add(child);
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => (running.delete(child), resolveExit(code))));
    await this.waitReady(readyTimeoutMs);
    return this;
  }

  /** SIGTERM: the service drains its consumer and outbox and exits. */
  async stop(timeoutMs = 30_000): Promise<number | null> {
    return this.signal('SIGTERM', timeoutMs);
  }

  /** SIGKILL: a crash at whatever step it was in. */
  async kill(): Promise<number | null> {
    return this.signal('SIGKILL', 10_000);
  }

  private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    const result = await Promise.race([this.exited!, timeout]);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms of ${signal} (log: ${this.logFile})`);
    }
    return result;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`${this.name} exited with code ${this.child.exitCode} while starting (log: ${this.logFile})`);
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
        last = await response.text();
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms: ${last} (log: ${this.logFile})`);
  }
}
