// Notification delivery throughput and latency, end to end through the real broker, PostgreSQL and Redis.
// Run from the repository root with the stack up (npm run kafka:start, PostgreSQL, Redis):
//   node -r ./scripts/register.js bench/notification.bench.ts
// Starts the notification service as a process in a fresh database and topic namespace, publishes
// AlertRaised events onto its input topic and receives the webhooks on a local HTTP server.
// Prints deliveries/s for a burst and p50/p99 latency from the event's time to the webhook's arrival,
// measured while publishing at half the burst rate, with 1 and with 1,000 endpoints. Beside them, the limit
// measured first in the same run on the same broker: a bare kafkajs consumer reading 100,000 records of
// ~430 B (bench.util.ts measureBareConsumer); the 1-endpoint burst reads one event per delivery.
// Not a timed test: numbers depend on the machine and on what else runs on it.
import { createServer } from 'node:http';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertRaisedSchema, Severity, ThresholdDirection, Topics } from '@hashdesk/contracts';
import { createIdempotentProducer, createKafka, encodeMessage, metaToHeaders, newEventId, silentLogger, TopicNamespace } from '@hashdesk/messaging';
import { createTestDatabase, freePort, ServiceProcess, TEST_NOTIFICATION_SECRET_KEYS, uniqueNamespace } from '@hashdesk/testing';
import { formatRate, measureBareConsumer, ratio, benchEnv } from './bench.util';

const env = benchEnv;
const ADMIN = 'bench-admin-token-0123456789';
/** BENCH_ENDPOINTS=1000 runs one case only (comma-separated counts). */
const ENDPOINT_COUNTS = (process.env.BENCH_ENDPOINTS ?? '1,1000').split(',').map(Number);

interface Arrival { eventTimeMs: number; receivedMs: number }

async function main(): Promise<void> {
  const arrivals: Arrival[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedMs = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { time: string };
      arrivals.push({ eventTimeMs: Date.parse(body.time), receivedMs });
      res.writeHead(204).end();
    });
  });
  receiver.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverPort = (receiver.address() as { port: number }).port;

  const database = await createTestDatabase(env.DATABASE_URL);
  const namespace = new TopicNamespace(uniqueNamespace('bench-notif'));
  const service = new ServiceProcess('notification', await freePort(), {
    ...env, DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: namespace.prefix, LOG_LEVEL: 'warn',
    NOTIFICATION_URL_ALLOWLIST: `http://127.0.0.1:${receiverPort}`, NOTIFICATION_ADMIN_TOKEN: ADMIN, NOTIFICATION_SECRET_KEYS: TEST_NOTIFICATION_SECRET_KEYS,
    NOTIFICATION_ENDPOINT_RATE_PER_SECOND: '1000000', NOTIFICATION_MAX_IN_FLIGHT: '512',
    // 1,000 subscriptions are created in seconds from one address: the default per-address limit would answer 429.
    HASHDESK_RATE_LIMIT_PER_MINUTE_IP: '1000000',
  });
  const kafka = createKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'bench-notification', logger: silentLogger });
  const producer = createIdempotentProducer(kafka);
  try {
    const bare = await measureBareConsumer({ brokers: env.KAFKA_BROKERS, prefix: namespace.prefix });
    console.log(`limit, same run and broker: a bare kafkajs consumer reads ${formatRate(bare.perSecond)} records/s (${bare.mode}; ${formatRate(bare.records)} × ${bare.recordBytes} B)`);
    await service.start();
    await producer.connect();
    const api = async (path: string, body: unknown, key?: string) => {
      const response = await fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-token': ADMIN, ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, string>;
    };
    const { apiKey } = await api('/v1/subscribers', { name: 'bench' });

    const publish = async (ticker: string, count: number) => {
      const messages = Array.from({ length: count }, (_, i) => {
        const time = new Date();
        const alert = create(AlertRaisedSchema, {
          alertId: newEventId(), ruleId: 'bench', severity: Severity.WARNING, subject: ticker, metric: 'hashprice_usd_per_ph_day',
          value: 40 + (i % 10), threshold: 45, direction: ThresholdDirection.BELOW, message: 'bench', asOf: timestampFromDate(time),
        });
        return { key: ticker, value: encodeMessage(Topics.alertRaised, alert), headers: metaToHeaders({ id: newEventId(), type: AlertRaisedSchema.typeName, source: 'bench', time }) };
      });
      await producer.send({ topic: namespace.topic(Topics.alertRaised.name), acks: -1, messages });
    };
    const waitFor = async (count: number, timeoutMs = 300_000) => {
      const deadline = Date.now() + timeoutMs;
      while (arrivals.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (arrivals.length < count) throw new Error(`only ${arrivals.length} of ${count} deliveries arrived`);
    };
    const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

    for (const endpoints of ENDPOINT_COUNTS) {
      const ticker = `BENCH${endpoints}`;
      for (let i = 0; i < endpoints; i++) await api('/v1/subscriptions', { channel: 'webhook', url: `http://127.0.0.1:${receiverPort}/hook/${i}`, tickers: [ticker] }, apiKey);
      // warm-up
      arrivals.length = 0;
      await publish(ticker, 2);
      await waitFor(2 * endpoints);

      // 1) burst: as fast as the service can deliver
      const events = endpoints === 1 ? 4_000 : 8;
      arrivals.length = 0;
      const started = Date.now();
      for (let sent = 0; sent < events; sent += 500) await publish(ticker, Math.min(500, events - sent));
      await waitFor(events * endpoints);
      const seconds = (Math.max(...arrivals.map((a) => a.receivedMs)) - started) / 1_000;
      const rate = (events * endpoints) / seconds;

      // 2) latency at half that rate, for about 5 s
      arrivals.length = 0;
      const targetRate = rate / 2;
      const eventsPerTick = Math.max(1, Math.round(targetRate / endpoints / 20)); // 20 ticks a second
      const ticks = endpoints === 1 ? 100 : Math.max(5, Math.round(5 * targetRate / endpoints / eventsPerTick));
      for (let t = 0; t < ticks; t++) {
        const tickStart = Date.now();
        await publish(ticker, eventsPerTick);
        const wait = (1_000 * eventsPerTick * endpoints) / targetRate - (Date.now() - tickStart);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      await waitFor(ticks * eventsPerTick * endpoints);
      const latencies = arrivals.map((a) => a.receivedMs - a.eventTimeMs);
      console.log(
        `${String(endpoints).padStart(5)} endpoint(s): burst ${events * endpoints} deliveries in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} deliveries/s; ` +
          `at ~${targetRate.toFixed(0)}/s (${ticks * eventsPerTick * endpoints} deliveries) event→delivery latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; ` +
          `events read ${(events / seconds).toFixed(0)}/s = ${ratio(events / seconds, bare.perSecond)} of the bare consumer`,
      );
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await service.stop().catch(() => service.kill());
    receiver.closeAllConnections();
    receiver.close();
    await database.drop().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
