import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { DescMessage } from '@bufbuild/protobuf';
import type { TopicEntry } from '@hashdesk/contracts';
import { createKafka, silentLogger, TopicNamespace, TopicProbe, type Kafka } from '@hashdesk/messaging';
// Service code never imports the test harness; its tests may (eslint.config.mjs allows it for test files).
import { createTestDatabase, freePort, requiredEnv, ServiceProcess, uniqueNamespace, type TestDatabase, TEST_ADMIN_HEADERS } from '@hashdesk/testing';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The ingest service as a real process against the real broker, a throwaway database and a private topic namespace. */
export class IngestHarness {
  database!: TestDatabase;
  namespace!: TopicNamespace;
  kafka!: Kafka;
  service?: ServiceProcess;
  port = 0;
  private readonly probes: Array<TopicProbe<DescMessage>> = [];

  constructor(private readonly label: string) {}

  async prepare(): Promise<this> {
    this.database = await createTestDatabase();
    this.namespace = new TopicNamespace(uniqueNamespace(this.label));
    this.kafka = createKafka({ brokers: requiredEnv('KAFKA_BROKERS').split(','), clientId: `it-${this.label}`, logger: silentLogger });
    this.port = await freePort();
    return this;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      DATABASE_URL: this.database.url,
      KAFKA_TOPIC_PREFIX: this.namespace.prefix,
      LOG_LEVEL: 'info',
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...extra,
    };
  }

  async start(extra: Record<string, string> = {}): Promise<ServiceProcess> {
    this.service = await new ServiceProcess('ingest', this.port, this.env(extra)).start();
    return this.service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async post(path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      // Writes need an API key (issue 13): the test operator's key, which ServiceProcess gives every service.
      headers: { 'content-type': contentType, ...TEST_ADMIN_HEADERS },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async probe<Desc extends DescMessage>(entry: TopicEntry<Desc>): Promise<TopicProbe<Desc>> {
    const probe = new TopicProbe(this.kafka, this.namespace, entry);
    this.probes.push(probe as unknown as TopicProbe<DescMessage>);
    return probe.start();
  }

  async count(sql: string): Promise<number> {
    const [row] = await this.database.query<{ n: string }>(sql);
    return Number(row.n);
  }

  /** Runs the backfill command as a process, as an operator would; returns its JSON summary. */
  backfill(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; summary?: Record<string, unknown>; stderr: string }> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'scripts', 'register.js'), join(REPO_ROOT, 'services', 'ingest', 'src', 'backfill', 'backfill.main.ts'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...this.env({ LOG_LEVEL: 'warn', ...extra }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => {
        const last = stdout.trim().split('\n').filter((l) => l.startsWith('{"file"')).at(-1);
        resolvePromise({ code, summary: last ? (JSON.parse(last) as Record<string, unknown>) : undefined, stderr });
      });
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.probes.map((p) => p.stop().catch(() => undefined)));
    await this.service?.stop().catch(() => this.service?.kill());
    await this.database?.drop().catch(() => undefined);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
