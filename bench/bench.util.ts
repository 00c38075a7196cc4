// A tiny benchmark harness: runs a function repeatedly for a fixed time after a warm-up and reports
// operations per second. Not a timed test: numbers vary by machine and load.
// Below it, the limits the benchmarks print beside their figures (the bare kafkajs consumer, Kafka's
// ProducerPerformance), measured in the same run on the same broker.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createIdempotentProducer, createKafka, metaToHeaders, silentLogger, traceparentFor } from '@hashdesk/messaging';

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

// ── Limits measured in the same run, on the same broker (issue #18: every figure beside its limit) ──

const REPO_ROOT = join(__dirname, '..');

export interface BareConsumerResult {
  records: number;
  /** Key + headers + value of one record, in bytes. */
  recordBytes: number;
  partitions: number;
  /** How fast the kafkajs idempotent producer (acks=all, sends of 1,000) wrote the topic: for information. */
  producedPerSecond: number;
  /** A kafkajs consumer doing nothing but counting, with eachBatch. */
  eachBatchPerSecond: number;
  /** The same with eachMessage, the plain per-message loop. */
  eachMessagePerSecond: number;
  /** The limit: the faster of the two (on a loaded machine either can come out ahead). */
  perSecond: number;
  mode: 'eachBatch' | 'eachMessage';
}

/**
 * The bare kafkajs consumer rate on this broker: writes `records` records of `recordBytes` bytes (key,
 * CloudEvents headers like the services' and a random value) to a fresh topic of `partitions`
 * partitions, then reads them all with a consumer that does nothing but count, once with eachBatch and
 * once with eachMessage, each in a fresh group. Timed from the group join to the last record; the limit
 * (perSecond) is the faster of the two. The topic (`<prefix>bench.bare-consumer`) and the groups are
 * deleted afterwards.
 */
export async function measureBareConsumer(options: { brokers?: string; prefix: string; records?: number; recordBytes?: number; partitions?: number }): Promise<BareConsumerResult> {
  const records = options.records ?? 100_000;
  const recordBytes = options.recordBytes ?? 430;
  const partitions = options.partitions ?? 3;
  const kafka = createKafka({ brokers: (options.brokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'bench-bare-consumer', logger: silentLogger });
  const topic = `${options.prefix}bench.bare-consumer`;
  const groups = [`${options.prefix}bench.bare-consumer.each-batch`, `${options.prefix}bench.bare-consumer.each-message`];
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    // Records shaped like the services' (ce_* headers and a traceparent), padded to recordBytes.
    const key = 'BTC';
    const headers = metaToHeaders({ id: randomUUID(), type: 'hashdesk.v1.NetworkSnapshotObserved', source: 'hashdesk/bench', time: new Date(), subject: 'BTC', traceparent: traceparentFor(undefined) });
    const headerBytes = Object.entries(headers).reduce((n, [name, value]) => n + name.length + value.length, 0);
    const value = randomBytes(Math.max(16, recordBytes - headerBytes - key.length));
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const produceStart = performance.now();
    for (let sent = 0; sent < records; sent += 1_000) {
      const n = Math.min(1_000, records - sent);
      await producer.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key, value, partition: (sent + i) % partitions, headers: { ...headers, ce_id: randomUUID() } })) });
    }
    const producedPerSecond = records / ((performance.now() - produceStart) / 1000);
    await producer.disconnect();

    const read = async (groupId: string, mode: 'eachBatch' | 'eachMessage'): Promise<number> => {
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      let joinedAt = 0;
      let count = 0;
      let done: (ms: number) => void = () => undefined;
      const finished = new Promise<number>((resolve) => (done = resolve));
      consumer.on(consumer.events.GROUP_JOIN, () => (joinedAt = performance.now()));
      const seen = (n: number) => {
        count += n;
        if (count >= records) done(performance.now() - joinedAt);
      };
      await consumer.run(mode === 'eachBatch' ? { eachBatch: async ({ batch }) => seen(batch.messages.length) } : { eachMessage: async () => seen(1) });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`bare consumer (${mode}): ${count} of ${records} records after 300 s`)), 300_000).unref());
      try {
        return records / ((await Promise.race([finished, timeout])) / 1000);
      } finally {
        await consumer.disconnect();
      }
    };
    const eachBatchPerSecond = await read(groups[0], 'eachBatch');
    const eachMessagePerSecond = await read(groups[1], 'eachMessage');
    const mode = eachBatchPerSecond >= eachMessagePerSecond ? 'eachBatch' : 'eachMessage';
    const perSecond = Math.max(eachBatchPerSecond, eachMessagePerSecond);
    return { records, recordBytes: headerBytes + key.length + value.length, partitions, producedPerSecond, eachBatchPerSecond, eachMessagePerSecond, perSecond, mode };
  } finally {
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

export type ProducerPerformanceResult = { recordsPerSecond: number; line: string } | { recordsPerSecond: null; reason: string };

/**
 * Kafka's own ProducerPerformance (org.apache.kafka.tools.ProducerPerformance, from the broker jars in
 * infra/kafka/.lib, fetched by infra/kafka/fetch.sh when missing) writing `records` records of
 * `recordBytes` bytes to a fresh topic `<prefix>bench.producer-performance`: acks=all, idempotent,
 * linger.ms=5, unthrottled, as bench/ingest-backfill.sh runs it. The topic is deleted afterwards.
 * Without Java or the jars it says why instead of a figure.
 */
export async function measureProducerPerformance(options: { brokers?: string; prefix: string; records?: number; recordBytes?: number; partitions?: number }): Promise<ProducerPerformanceResult> {
  const records = options.records ?? 100_000;
  const recordBytes = options.recordBytes ?? 430;
  const brokers = options.brokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const lib = join(REPO_ROOT, 'infra', 'kafka', '.lib');
  const run = (file: string, args: string[]) =>
    new Promise<string>((resolve, reject) => execFile(file, args, { cwd: REPO_ROOT, maxBuffer: 1 << 22 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))));
  try {
    await run('java', ['-version']);
  } catch {
    return { recordsPerSecond: null, reason: 'java not found (the broker jars need Java 17+)' };
  }
  if (!existsSync(join(lib, '.complete'))) {
    try {
      await run('bash', [join(REPO_ROOT, 'infra', 'kafka', 'fetch.sh')]);
    } catch (error) {
      return { recordsPerSecond: null, reason: `the broker jars are missing and infra/kafka/fetch.sh failed: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'bench-producer-performance', logger: silentLogger });
  const topic = `${options.prefix}bench.producer-performance`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The broker does not create topics on demand: make it like an ingest topic.
    await admin.createTopics({ topics: [{ topic, numPartitions: options.partitions ?? 3 }], waitForLeaders: true });
    const out = await run('java', [
      '-cp', `${lib}/*`, `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'infra', 'kafka', 'log4j2.xml')}`, 'org.apache.kafka.tools.ProducerPerformance',
      '--topic', topic, '--num-records', String(records), '--record-size', String(recordBytes), '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${brokers}`, 'acks=all', 'enable.idempotence=true', 'linger.ms=5',
    ]);
    const line = out.trim().split('\n').pop() ?? '';
    const match = /([\d.]+) records\/sec/.exec(line);
    return match ? { recordsPerSecond: Number(match[1]), line } : { recordsPerSecond: null, reason: `unexpected output: ${line}` };
  } catch (error) {
    return { recordsPerSecond: null, reason: `ProducerPerformance failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** 12345.6 → "12,346". */
export const formatRate = (value: number): string => Math.round(value).toLocaleString('en-US');

/** A figure as a share of its limit: "2.1 %" (or "—" without a limit). */
export const ratio = (figure: number, limit: number | null | undefined): string => (limit ? `${((figure / limit) * 100).toPrecision(2)} %` : '—');

/** Rows of cells as a plain-text table, the first row the header; numbers right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = /^[\d,.\s%×—-]+(s|\/s|records\/s)?$/;
  const line = (r: readonly string[]) => r.map((cell, c) => (c > 0 && numeric.test(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}

/** The stores a benchmark runs against: the environment's, else this machine's local servers. */
export const benchEnv = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
