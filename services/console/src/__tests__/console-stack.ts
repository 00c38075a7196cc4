import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase, eventually, freePort, requiredEnv, ServiceProcess, TEST_ADMIN_API_KEY, TEST_NOTIFICATION_SECRET_KEYS, uniqueNamespace, type ServiceName, type TestDatabase,
} from '@hashdesk/testing';

const ROOT = resolve(__dirname, '../../../..');
const run = promisify(execFile);
export const ADMIN_TOKEN = 'adm_console_e2e_token_0123456789abcdef';
export const SEED_TICKERS = ['RIOT', 'MARA', 'CLSK'] as const;
/** The operator key the services accept for writes (ingest:write, risk:write). */
export const ADMIN_API_KEY = process.env.HASHDESK_ADMIN_API_KEY ?? TEST_ADMIN_API_KEY;

/**
 * Every `stepDays`-th day of the bundled history since `fromDay` and every day of the last two weeks (so the
 * newest figure projects the next retarget), each with its chain height so the sample keeps true heights.
 */
export function sampledHistoryCsv(fromDay: string, stepDays: number): { csv: string; days: string[]; heights: number[] } {
  const lines = readFileSync(resolve(ROOT, 'data/reference/network-daily.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const blocksAt = header.indexOf('blocks');
  let height = 556_464 - 1; // Coin Metrics attributes block 556,464 to 2019-01-01 (services/ingest/README.md)
  const kept: string[] = [];
  const days: string[] = [];
  const heights: number[] = [];
  lines.slice(1).forEach((line, index, all) => {
    const cells = line.split(',');
    height += Number(cells[blocksAt]);
    if (cells[0] >= fromDay && (index % stepDays === 0 || index >= all.length - 14)) {
      kept.push(`${line},${height}`);
      days.push(cells[0]);
      heights.push(height);
    }
  });
  return { csv: [`${lines[0]},height`, ...kept].join('\n'), days, heights };
}

/**
 * The four services and the console as real processes against the real broker, PostgreSQL and Redis,
 * in a fresh database and topic namespace, seeded through ingest with the shipped data.
 */
export class ConsoleStack {
  readonly services = new Map<ServiceName, ServiceProcess>();
  database!: TestDatabase;
  prefix = '';

  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      DATABASE_URL: this.database.url,
      KAFKA_TOPIC_PREFIX: this.prefix,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
      NOTIFICATION_ADMIN_TOKEN: ADMIN_TOKEN,
      NOTIFICATION_SECRET_KEYS: TEST_NOTIFICATION_SECRET_KEYS,
    };
  }

  async start(): Promise<void> {
    this.database = await createTestDatabase();
    this.prefix = uniqueNamespace('console');
    // Two at a time: on two cores four Nest apps starting at once are slower than in pairs.
    await Promise.all([this.startOne('ingest'), this.startOne('valuation')]);
    await Promise.all([this.startOne('risk'), this.startOne('notification')]);
  }

  private async startOne(name: ServiceName, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = new ServiceProcess(name, await freePort(), { ...this.env(), ...env });
    this.services.set(name, service);
    return service.start(90_000);
  }

  url(name: ServiceName): string {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} was not started`);
    return service.url;
  }

  /** The company histories first (so every market point values them), then the sampled network history over HTTP. */
  async seed(fromDay: string, stepDays: number): Promise<{ days: string[]; heights: number[] }> {
    const files = SEED_TICKERS.map((t) => `data/companies/history/${t.toLowerCase()}.json`);
    await run(process.execPath, ['-r', './scripts/register.js', 'services/ingest/src/companies/load-history.main.ts', ...files], {
      cwd: ROOT, env: { ...process.env, ...this.env() },
    });
    const { csv, days, heights } = sampledHistoryCsv(fromDay, stepDays);
    const response = await fetch(`${this.url('ingest')}/v1/backfill/daily-history?source=console-e2e`, {
      method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': ADMIN_API_KEY }, body: csv,
    });
    if (response.status !== 202) throw new Error(`backfill answered ${response.status}: ${await response.text()}`);
    return { days, heights };
  }

  /** Valuation and risk have handled the last day: every seeded company valued on it and evaluated. */
  async waitForCatchUp(lastDay: string, timeoutMs: number): Promise<void> {
    const json = async (url: string) => {
      const response = await fetch(url);
      return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
    };
    await eventually('the last day valued for every company', () => json(`${this.url('valuation')}/v1/comparables`),
      (body) => {
        const items = (body?.items ?? []) as Array<{ asOf: string }>;
        return items.length === SEED_TICKERS.length && items.every((i) => i.asOf.startsWith(lastDay));
      }, timeoutMs);
    for (const ticker of SEED_TICKERS) {
      await eventually(`risk's evaluation of ${ticker} on the last day`, () => json(`${this.url('risk')}/v1/risk/companies/${ticker}/scenarios`),
        (body) => JSON.stringify(body ?? {}).includes(lastDay), timeoutMs);
    }
  }

  async startConsole(env: Record<string, string>): Promise<ServiceProcess> {
    const service = new ServiceProcess('console', await freePort(), {
      ...this.env(),
      CONSOLE_INGEST_URL: this.url('ingest'),
      CONSOLE_VALUATION_URL: this.url('valuation'),
      CONSOLE_RISK_URL: this.url('risk'),
      CONSOLE_NOTIFICATION_URL: this.url('notification'),
      ...env,
    });
    this.services.set('console', service);
    return service.start(60_000);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop().catch(() => s.kill())));
    await this.database?.drop().catch(() => undefined);
  }
}
