import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestDatabase, freePort, requiredEnv, ServiceProcess, TEST_NOTIFICATION_SECRET_KEYS, ThrowawayKafkaBroker, WebhookReceiver, type ServiceName, type TestDatabase,
} from '@hashdesk/testing';
import { WEBHOOK_SECRET } from './stack';

const RUNS = 5;
const NAMES: ServiceName[] = ['ingest', 'valuation', 'risk', 'notification'];

/**
 * The first `npm start` on a fresh machine: a broker formatted a moment ago, no topic on it, and the four
 * services started at once, each creating the registry topics it touches while the others read their
 * metadata. Every start must reach /health/ready, run after run. It runs on a second, throwaway KRaft
 * broker (own ports, own state directory under the temp folder), never on the shared one.
 */
describe('first start on a freshly formatted broker', () => {
  const label = `fresh-${Date.now().toString(36)}-`;
  let broker: ThrowawayKafkaBroker | undefined;
  let receiver: WebhookReceiver | undefined;
  let database: TestDatabase | undefined;
  let services: ServiceProcess[] = [];
  const clusterIds = new Set<string>();

  beforeAll(async () => {
    broker = await ThrowawayKafkaBroker.create({ heapOpts: '-Xms128m -Xmx256m' });
    receiver = await new WebhookReceiver().start();
  });

  // Whatever happened: services stopped (killed if they do not stop), the broker stopped, the database dropped.
  afterEach(async () => {
    await stopServices();
    await broker?.stop().catch(() => broker?.killNow());
    await database?.drop().catch(() => undefined);
    database = undefined;
  });

  afterAll(async () => {
    await stopServices();
    await broker?.dispose();
    await receiver?.stop();
  });

  async function stopServices(): Promise<Array<number | null>> {
    const stopping = services;
    services = [];
    return Promise.all(stopping.map((s) => s.stop().catch(() => s.kill().catch(() => null))));
  }

  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))('run %i: all four services reach /health/ready at once', async (run) => {
    if (!broker || !receiver) throw new Error('beforeAll did not set up the throwaway broker');
    const kafka = broker;
    kafka.wipe();
    await kafka.start();
    // Really a new cluster: freshly formatted storage, a cluster id no earlier run had.
    const clusterId = /cluster\.id=(\S+)/.exec(readFileSync(join(kafka.dataDir, 'meta.properties'), 'utf8'))?.[1];
    if (!clusterId) throw new Error(`no cluster.id in ${kafka.dataDir}/meta.properties: the storage was not formatted`);
    expect(clusterIds.has(clusterId)).toBe(false);
    clusterIds.add(clusterId);

    database = await createTestDatabase();
    const env: Record<string, string> = {
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_TOPIC_PREFIX: '', // as the main job: the registry's own topic names, on a broker that has none yet
      REDIS_URL: requiredEnv('REDIS_URL'),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      OUTBOX_POLL_INTERVAL_MS: '100',
      NOTIFICATION_WEBHOOK_URL: receiver.url(),
      NOTIFICATION_WEBHOOK_SECRET: WEBHOOK_SECRET,
      NOTIFICATION_SECRET_KEYS: TEST_NOTIFICATION_SECRET_KEYS,
    };
    const ports = await distinctFreePorts(NAMES.length);
    services = NAMES.map((name, i) => new ServiceProcess(name, ports[i], env, { logLabel: `${label}${run}-` }));

    // All four at once, as npm start does: no ordering between the one that creates a topic and the one that reads it.
    const results = await Promise.allSettled(services.map((s) => s.start(180_000)));
    const failures = results.flatMap((result, i) =>
      result.status === 'rejected' ? [`${(result.reason as Error).message}\n${logTail(services[i].logFile)}`] : []);
    expect(failures).toEqual([]);

    for (const service of services) {
      const response = await fetch(`${service.url}/health/ready`);
      const body = (await response.json()) as { status: string; info: Record<string, { status: string }> };
      expect({ service: service.name, status: response.status, kafka: body.info?.kafka?.status }).toEqual({ service: service.name, status: 200, kafka: 'up' });
    }

    // A clean SIGTERM from every one (the consumer drains, every connection closes).
    expect(await stopServices()).toEqual(NAMES.map(() => 0));
    await kafka.stop();
  }, 8 * 60_000);
});

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-lines).map((l) => `    ${l.slice(0, 600)}`).join('\n');
}
