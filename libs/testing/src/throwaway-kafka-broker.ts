import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const KAFKA_SCRIPTS = join(REPO_ROOT, 'infra', 'kafka');

/** Every throwaway broker still running when the test process exits is killed: none outlives its test. */
const live = new Set<ThrowawayKafkaBroker>();
process.once('exit', () => live.forEach((broker) => broker.killNow()));

export interface ThrowawayKafkaBrokerOptions {
  /** JVM heap of the broker; small, it holds a handful of topics. */
  heapOpts?: string;
  /** Seconds start.sh waits for the broker to answer. */
  startTimeoutSeconds?: number;
}

/**
 * A second single-node KRaft broker, started by the same infra/kafka scripts as the shared one but on
 * its own free ports and with its own state directory under the OS temp folder: a test may format it,
 * stop it and wipe it without touching the broker other tests use (127.0.0.1:9092, .kafka/).
 */
export class ThrowawayKafkaBroker {
  readonly stateDir: string;

  private constructor(readonly port: number, readonly controllerPort: number, private readonly options: ThrowawayKafkaBrokerOptions) {
    this.stateDir = mkdtempSync(join(tmpdir(), 'hashdesk-kafka-'));
  }

  static async create(options: ThrowawayKafkaBrokerOptions = {}): Promise<ThrowawayKafkaBroker> {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    return new ThrowawayKafkaBroker(port, controllerPort, options);
  }

  /** What KAFKA_BROKERS should say to reach it. */
  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  get dataDir(): string {
    return join(this.stateDir, 'data');
  }

  get logDir(): string {
    return join(this.stateDir, 'logs');
  }

  /** The env.sh overrides that point the infra/kafka scripts at this broker. */
  scriptEnv(): Record<string, string> {
    return {
      KAFKA_STATE_DIR: this.stateDir,
      KAFKA_HOST: '127.0.0.1',
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_NODE_ID: '1',
      KAFKA_HEAP_OPTS: this.options.heapOpts ?? '-Xms128m -Xmx256m',
      KAFKA_START_TIMEOUT: String(this.options.startTimeoutSeconds ?? 90),
    };
  }

  /** Formats the storage when it is empty (a fresh broker) and starts the broker; resolves once it answers. */
  async start(): Promise<void> {
    live.add(this);
    await this.script('start.sh');
  }

  /** SIGTERM, then SIGKILL after 30 s (stop.sh). */
  async stop(): Promise<void> {
    await this.script('stop.sh');
    live.delete(this);
  }

  /** Deletes the formatted storage: the next start formats a brand-new cluster. Only while stopped. */
  wipe(): void {
    if (this.pid() !== undefined) throw new Error(`wipe() while the broker on ${this.brokers} runs: stop() it first`);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Stops the broker (if it runs) and deletes its whole state directory. Never throws. */
  async dispose(): Promise<void> {
    await this.stop().catch(() => this.killNow());
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** The last lines of the broker's own log, for failure messages. */
  logTail(lines = 30): string {
    const file = join(this.logDir, 'server.log');
    if (!existsSync(file)) return '(no server.log)';
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  }

  /** Synchronous SIGKILL of the broker process (process exit path). */
  killNow(): void {
    const pid = this.pid();
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(join(this.stateDir, 'kafka.pid'), { force: true });
    live.delete(this);
  }

  private pid(): number | undefined {
    const file = join(this.stateDir, 'kafka.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  private script(name: 'start.sh' | 'stop.sh'): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      execFile('bash', [join(KAFKA_SCRIPTS, name)], { cwd: REPO_ROOT, env: { ...process.env, ...this.scriptEnv() }, timeout: 180_000 }, (error, _stdout, stderr) => {
        if (error) reject(new Error(`infra/kafka/${name} for the throwaway broker on ${this.brokers} failed: ${error.message}\n${stderr}\n${this.logTail()}`));
        else resolvePromise();
      });
    });
  }
}
