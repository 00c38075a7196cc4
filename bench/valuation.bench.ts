// Valuation throughput and latency, end to end through the real broker, PostgreSQL and Redis.
// Run from the repository root with the stack up (npm run kafka:start, PostgreSQL, Redis):
//   node -r ./scripts/register.js bench/valuation.bench.ts
// Starts ingest and valuation as processes in a fresh database and topic namespace, loads every shipped
// company profile, then:
//  1. backfill: replays the bundled daily history (data/reference/network-daily.csv) through ingest and
//     times it until valuation has handled every input; prints inputs/s and the metric events produced;
//  2. live: publishes BTC prices straight onto ingest.price.observed.v1 at a steady rate (BENCH_RATE/s,
//     default 20, for BENCH_SECONDS, default 15) and measures, per input, the time from its send to the
//     arrival on the broker of all its metric events (one hashprice + one valuation per company): p50/p99.
// Beside the backfill rate it prints its limit, measured first in the same run on the same broker: a bare
// kafkajs consumer reading 100,000 records of ~430 B (bench.util.ts measureBareConsumer).
// Not a timed test: numbers depend on the machine and on what else runs on it.
import { spawn } from 'node:child_process';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BtcPriceObservedSchema, Topics } from '@hashdesk/contracts';
import { createIdempotentProducer, createKafka, encodeMessage, metaToHeaders, newEventId, silentLogger, TopicNamespace, TopicProbe } from '@hashdesk/messaging';
import { createTestDatabase, freePort, ServiceProcess, uniqueNamespace, type TestDatabase } from '@hashdesk/testing';
import { formatRate, measureBareConsumer, ratio, benchEnv } from './bench.util';

const env = benchEnv;
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

function run(script: string, extraEnv: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './scripts/register.js', script], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  return Number((await db.query<{ n: string }>(sql))[0].n);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const db = await createTestDatabase(env.DATABASE_URL);
  const namespace = new TopicNamespace(uniqueNamespace('bench-valuation'));
  // OUTBOX_POLL_INTERVAL_MS (default 200) bounds the relay's sleep when a kick arrives mid-batch: try 20.
  const poll: Record<string, string> = process.env.OUTBOX_POLL_INTERVAL_MS ? { OUTBOX_POLL_INTERVAL_MS: process.env.OUTBOX_POLL_INTERVAL_MS } : {};
  const serviceEnv = { ...env, ...poll, DATABASE_URL: db.url, KAFKA_TOPIC_PREFIX: namespace.prefix, LOG_LEVEL: 'warn' };
  const ingest = new ServiceProcess('ingest', await freePort(), serviceEnv);
  const valuation = new ServiceProcess('valuation', await freePort(), serviceEnv);
  const kafka = createKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'bench-valuation', logger: silentLogger });
  try {
    const bare = await measureBareConsumer({ brokers: env.KAFKA_BROKERS, prefix: namespace.prefix });
    await ingest.start();
    await valuation.start();
    const loaded = JSON.parse(await run('services/ingest/src/companies/load-profiles.main.ts', serviceEnv)) as { files: number; published: number };
    const companies = loaded.files;
    await waitUntil(async () => (await count(db, 'SELECT count(*) AS n FROM valuation.company_profile')) >= companies, 60_000);

    // 1. Backfill.
    const started = performance.now();
    const summary = JSON.parse(await run('services/ingest/src/backfill/backfill.main.ts', serviceEnv)) as { observations: number; published: number };
    const ingestMs = performance.now() - started;
    const expectedInputs = summary.published + companies;
    await waitUntil(async () => (await count(db, 'SELECT count(*) AS n FROM valuation.processed_message')) >= expectedInputs, 600_000);
    const totalMs = performance.now() - started;
    const valuations = await count(db, 'SELECT count(*) AS n FROM valuation.company_valuation');
    const hashprices = await count(db, 'SELECT count(*) AS n FROM valuation.hashprice_metric');
    await waitUntil(async () => (await count(db, 'SELECT count(*) AS n FROM valuation.outbox_event WHERE published_at IS NULL')) === 0, 120_000);
    const publishedMs = performance.now() - started;
    process.stdout.write([
      `backfill: ${summary.published} inputs (${summary.observations} observations) + ${companies} profiles`,
      `  ingest wrote and published them in ${(ingestMs / 1000).toFixed(1)} s`,
      `  valuation handled all in ${(totalMs / 1000).toFixed(1)} s from the start: ${Math.round(expectedInputs / (totalMs / 1000))} inputs/s`,
      `  limit, same run and broker: a bare kafkajs consumer reads ${formatRate(bare.perSecond)} records/s (${bare.mode}; ${formatRate(bare.records)} × ${bare.recordBytes} B); valuation at ${ratio(expectedInputs / (totalMs / 1000), bare.perSecond)} of it`,
      `  produced ${hashprices} hashprice figures and ${valuations} company valuations; all on the broker after ${(publishedMs / 1000).toFixed(1)} s`,
      '',
    ].join('\n'));

    // 2. Live latency: prices just after the history's last day, so every company is valued on each.
    const outputsPerInput = 1 + companies;
    const sentAt = new Map<string, number>();
    const arrived = new Map<string, number>();
    const latencies: number[] = [];
    const onOutput = (inputIds: string[]) => {
      for (const id of inputIds) {
        const sent = sentAt.get(id);
        if (sent === undefined) continue;
        const n = (arrived.get(id) ?? 0) + 1;
        arrived.set(id, n);
        if (n === outputsPerInput) latencies.push(performance.now() - sent);
      }
    };
    const hashprice = await new TopicProbe(kafka, namespace, Topics.hashpriceComputed).start();
    const valued = await new TopicProbe(kafka, namespace, Topics.companyValued).start();
    const seen = { h: hashprice.events.length, v: valued.events.length };
    const collect = setInterval(() => {
      for (const e of hashprice.events.slice(seen.h)) onOutput((e.message.lineage?.inputs ?? []).map((i) => i.eventId));
      for (const e of valued.events.slice(seen.v)) onOutput((e.message.lineage?.inputs ?? []).map((i) => i.eventId));
      seen.h = hashprice.events.length;
      seen.v = valued.events.length;
    }, 1);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const base = Date.parse('2025-12-30T00:00:00Z');
    const total = RATE * SECONDS;
    const liveStart = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = liveStart + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const time = new Date(base + i * 1000);
      const id = newEventId();
      const message = create(BtcPriceObservedSchema, { observationId: id, eventTime: timestampFromDate(time), learnedTime: timestampFromDate(new Date()), pair: 'BTC-USD', priceUsd: 87_000 + i, source: 'bench' });
      sentAt.set(id, performance.now());
      await producer.send({
        topic: namespace.topic(Topics.priceObserved.name), acks: -1,
        messages: [{ key: 'BTC-USD', value: encodeMessage(Topics.priceObserved, message), headers: metaToHeaders({ id, type: Topics.priceObserved.schema.typeName, source: 'bench', time }) }],
      });
    }
    await waitUntil(async () => latencies.length >= total, 120_000).catch(() => undefined);
    clearInterval(collect);
    await producer.disconnect();
    await Promise.all([hashprice.stop(), valued.stop()]);
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write([
      `live: ${total} prices at ${RATE}/s; each yields ${outputsPerInput} metric events (1 hashprice + ${companies} valuations)`,
      `  input sent → all its metric events on the broker: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (${latencies.length}/${total} complete)`,
      '',
    ].join('\n'));
  } finally {
    await Promise.all([valuation.stop().catch(() => valuation.kill()), ingest.stop().catch(() => ingest.kill())]);
    await db.drop().catch(() => undefined);
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`valuation bench: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
