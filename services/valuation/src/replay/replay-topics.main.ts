// Replay from the topics: npm run valuation:replay -- [--database NAME] [--output-prefix PREFIX] [--out FILE]
//
// Rebuilds all of valuation's history from what ingest published: reads the price, network, power,
// equity and company-profile topics from the start up to their current end, puts the records in one canonical
// order (event time, topic, event id), and feeds them through valuation's own handlers into a fresh
// database (dropped and re-created every run). Its outbox relay publishes the rebuilt metric events to
// the output namespace: `replay.` by default, so nothing reaches the live topics; `--output-prefix ''`
// republishes to the live topics after a methodology change (new methodology → new metric ids).
// The service never joins the live consumer group and the live database is only read.
//
// Prints one JSON line: inputs read, a sha256 over every rebuilt event (topic, key, ce_id, ce_type,
// ce_time, subject, payload bytes, in outbox order), so the same inputs give the same digest on every
// run, and per topic how many rebuilt events the live service published with byte-identical payloads.
// Figures whose inputs arrived live in another order than event time can differ (a price that came
// before its snapshot was first paired with an older one); a company valuation with the same id has the
// same figures (its known_at comes from the first copy of each input on the topic). --out writes the
// events as NDJSON. Exit 0; 2 on bad arguments; 1 on any other error.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Headers, Topics, type TopicEntry } from '@hashdesk/contracts';
import { loadConfig } from '@hashdesk/config';
import { createKafka, decodeMessage, metaFromHeaders, PoisonMessageError, TopicNamespace, type DecodedEvent } from '@hashdesk/messaging';
import { createLogger } from '@hashdesk/observability';
import { ValuationAppModule } from '../app.module';
import { RecordCompanyProfileUseCase } from '../companies/record-company-profile.use-case';
import { RecordEquityQuoteUseCase } from '../companies/record-equity-quote.use-case';
import { ValuationEnv } from '../config/valuation.config';
import { RecordPowerPriceUseCase } from '../machines/record-power-price.use-case';
import { RecordNetworkInputUseCase } from '../network/record-network-input.use-case';
import { canonicalOrder } from './canonical-order';
import { readTopicsToEnd, type SourceRecord } from './source-topics.reader';

type Handler = (event: DecodedEvent) => Promise<void>;

const SOURCE_TOPICS = [Topics.companyProfileRecorded, Topics.equityObserved, Topics.powerObserved, Topics.networkObserved, Topics.priceObserved] as TopicEntry[];
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

interface PublishedRow {
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: Buffer;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, 'output-prefix': { type: 'string', default: 'replay.' }, out: { type: 'string' } },
  });
  const sourceEnv = loadConfig(ValuationEnv);
  const sourceUrl = new URL(sourceEnv.DATABASE_URL);
  const database = values.database ?? `${sourceUrl.pathname.slice(1) || 'postgres'}_valuation_replay`;
  if (!IDENTIFIER.test(database)) throw new UsageError(`--database must be a plain lowercase identifier, got "${database}"`);
  const outputPrefix = values['output-prefix'] as string;
  if (outputPrefix === sourceEnv.KAFKA_TOPIC_PREFIX && !process.env.HASHDESK_REPLAY_REPUBLISH) {
    throw new UsageError(`--output-prefix "${outputPrefix}" is the live namespace: set HASHDESK_REPLAY_REPUBLISH=1 to republish to the live topics`);
  }

  const logger = createLogger('valuation-replay', 'warn');
  const sourceNamespace = new TopicNamespace(sourceEnv.KAFKA_TOPIC_PREFIX);
  const kafka = createKafka({ brokers: sourceEnv.KAFKA_BROKERS.split(','), clientId: 'hashdesk-valuation-replay', logger });
  const started = Date.now();
  const records = await readTopicsToEnd(kafka, sourceNamespace, SOURCE_TOPICS.map((t) => t.name));
  const readMs = Date.now() - started;

  await recreateDatabase(sourceEnv.DATABASE_URL, database);
  const replayUrl = new URL(sourceEnv.DATABASE_URL);
  replayUrl.pathname = `/${database}`;
  const replayEnv = loadConfig(ValuationEnv, { ...process.env, DATABASE_URL: replayUrl.toString(), KAFKA_TOPIC_PREFIX: outputPrefix, LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(ValuationAppModule.register(replayEnv, { consume: false }), { logger: ['error'] });
  let poison = 0;
  try {
    const handlers = handlersOf(app);
    const ordered = canonicalOrder(records.map((r) => ({ record: r, meta: metaFromHeaders(r.headers) }))
      .map((x) => ({ ...x, topic: x.record.topic, eventTimeMs: x.meta.time.getTime(), eventId: x.meta.id })));
    for (const { record, meta } of ordered) {
      const entry = SOURCE_TOPICS.find((t) => t.name === record.topic) as TopicEntry;
      try {
        const event: DecodedEvent = {
          meta, key: record.key, message: decodeMessage(entry, meta, record.value), topic: sourceNamespace.topic(record.topic),
          partition: record.partition, offset: record.offset, headers: record.headers,
        };
        await (handlers.get(record.topic) as Handler)(event);
      } catch (error) {
        // The live consumer dead-letters these; the replay skips them the same way.
        if (!(error instanceof PoisonMessageError)) throw error;
        poison += 1;
      }
    }
    const replayDb = new Client({ connectionString: replayUrl.toString() });
    await replayDb.connect();
    try {
      await waitUntilPublished(replayDb);
      const rows = (await replayDb.query('SELECT topic, partition_key, headers, payload FROM valuation.outbox_event ORDER BY id')).rows as PublishedRow[];
      const live = await liveEvents(sourceEnv.DATABASE_URL);
      const summary = summarize(rows, live);
      if (values.out) await writeNdjson(values.out, rows);
      process.stdout.write(`${JSON.stringify({
        inputs: records.length, poisonSkipped: poison, database, outputPrefix, readMs, totalMs: Date.now() - started, ...summary,
      })}\n`);
    } finally {
      await replayDb.end();
    }
  } finally {
    await app.close();
  }
  return 0;
}

function handlersOf(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>): Map<string, Handler> {
  const network = app.get(RecordNetworkInputUseCase);
  const profiles = app.get(RecordCompanyProfileUseCase);
  const quotes = app.get(RecordEquityQuoteUseCase);
  const power = app.get(RecordPowerPriceUseCase);
  return new Map<string, Handler>([
    [Topics.priceObserved.name, (e) => network.onPriceObserved(e as never)],
    [Topics.networkObserved.name, (e) => network.onNetworkObserved(e as never)],
    [Topics.companyProfileRecorded.name, (e) => profiles.onProfileRecorded(e as never)],
    [Topics.equityObserved.name, (e) => quotes.onEquityObserved(e as never)],
    [Topics.powerObserved.name, (e) => power.onPowerObserved(e as never)],
  ]);
}

async function recreateDatabase(url: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
}

/** The relay publishes on its own loop; the replay is done when nothing is left unpublished. */
async function waitUntilPublished(db: Client): Promise<void> {
  for (;;) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM valuation.outbox_event WHERE published_at IS NULL');
    if ((rows[0] as { n: number }).n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the live service published: ce_id → payload, or an empty map when it has no schema yet. */
async function liveEvents(url: string): Promise<Map<string, Buffer>> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const exists = await db.query(`SELECT to_regclass('valuation.outbox_event') IS NOT NULL AS present`);
    if (!(exists.rows[0] as { present: boolean }).present) return new Map();
    const { rows } = await db.query(`SELECT headers->>'ce_id' AS id, payload FROM valuation.outbox_event`);
    return new Map((rows as Array<{ id: string; payload: Buffer }>).map((r) => [r.id, r.payload]));
  } finally {
    await db.end();
  }
}

/**
 * The digest covers event identity and content only (the traceparent differs per run by design). Per
 * topic: events rebuilt, and of them how many the live service published with identical payloads.
 */
function summarize(rows: PublishedRow[], live: Map<string, Buffer>) {
  const digest = createHash('sha256');
  const byTopic: Record<string, { events: number; identicalToLive: number; differFromLive: number; notPublishedLive: number }> = {};
  for (const row of rows) {
    const h = row.headers;
    for (const part of [row.topic, row.partition_key, h[Headers.id], h[Headers.type], h[Headers.time], h[Headers.subject] ?? '']) digest.update(`${part}\u0000`);
    digest.update(row.payload);
    const counts = (byTopic[row.topic] ??= { events: 0, identicalToLive: 0, differFromLive: 0, notPublishedLive: 0 });
    counts.events += 1;
    const livePayload = live.get(h[Headers.id] as string);
    if (!livePayload) counts.notPublishedLive += 1;
    else if (livePayload.equals(row.payload)) counts.identicalToLive += 1;
    else counts.differFromLive += 1;
  }
  return { events: rows.length, sha256: digest.digest('hex'), byTopic };
}

async function writeNdjson(path: string, rows: PublishedRow[]): Promise<void> {
  const out = createWriteStream(path);
  for (const row of rows) {
    out.write(`${JSON.stringify({ topic: row.topic, key: row.partition_key, id: row.headers[Headers.id], protobufBase64: row.payload.toString('base64') })}\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`replay: ${error instanceof UsageError ? error.message : `failed: ${error.stack ?? error.message}`}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
