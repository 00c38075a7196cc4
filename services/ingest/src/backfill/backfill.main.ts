// Backfill command: node -r ./scripts/register.js services/ingest/src/backfill/backfill.main.ts [--file F] [--source S] [--first-height N]
// Imports a daily history CSV (default: the bundled data/reference/network-daily.csv) through the
// observation table and the outbox, waits until the outbox relay has published it all, and prints a
// JSON summary with the throughput. Same environment as the service (KAFKA_BROKERS, DATABASE_URL, REDIS_URL).
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { traceparentFor, type OutboxRelay } from '@hashdesk/messaging';
import { DATA_SOURCE, loadServiceConfigOrExit, OUTBOX_RELAY } from '@hashdesk/platform';
import { IngestAppModule } from '../app.module';
import { IngestEnv } from '../config/ingest.config';
import { publishPending, unpublishedCount } from '../outbox/publish-pending';
import { ObservationException } from '../observations/observation.exception';
import { describeViolations } from '../observations/observation.exception';
import { BackfillUseCase } from './backfill.use-case';
import { DEFAULT_BACKFILL_SOURCE } from './daily-history-csv.parser';

const BUNDLED = resolve(__dirname, '..', '..', '..', '..', 'data', 'reference', 'network-daily.csv');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: BUNDLED },
      source: { type: 'string', default: DEFAULT_BACKFILL_SOURCE },
      'first-height': { type: 'string' },
      'no-wait': { type: 'boolean', default: false },
    },
  });
  const config = loadServiceConfigOrExit('ingest-backfill', IngestEnv);
  const app = await NestFactory.createApplicationContext(IngestAppModule.register(config, { live: false }), { logger: ['error', 'warn'], abortOnError: false });
  try {
    const backfill = app.get(BackfillUseCase);
    const dataSource = app.get<DataSource>(DATA_SOURCE);
    const relay = app.get<OutboxRelay>(OUTBOX_RELAY);
    // One claimer publishes, in outbox order, so the events of one key keep their order. Relays of
    // running ingest instances claim rows too (SKIP LOCKED) and may interleave batches: for strict
    // order, backfill while the service is stopped or runs with INGEST_OUTBOX_RELAY=off.
    await relay.stop();
    const csv = readFileSync(values.file, 'utf8');
    const firstHeight = values['first-height'] === undefined ? undefined : Number(values['first-height']);
    const summary = await backfill.execute(basename(values.file), csv, { source: values.source, firstHeight }, traceparentFor(undefined));
    const publishStarted = performance.now();
    const publishing = config.INGEST_OUTBOX_RELAY === 'on' && !values['no-wait'];
    const pending = publishing ? await publishPending(dataSource, relay) : await unpublishedCount(dataSource);
    const publishMs = Math.round(performance.now() - publishStarted);
    const totalMs = summary.writeMs + (publishing ? publishMs : 0);
    process.stdout.write(`${JSON.stringify({
      ...summary,
      quarantined: summary.quarantined.length,
      quarantinedLines: summary.quarantined.slice(0, 20),
      publishMs: publishing ? publishMs : null,
      pendingInOutbox: pending,
      writeRowsPerSecond: Math.round((summary.observations / Math.max(summary.writeMs, 1)) * 1000),
      endToEndObservationsPerSecond: publishing ? Math.round((summary.published / Math.max(totalMs, 1)) * 1000) : null,
    })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ObservationException) {
      process.stderr.write(`backfill: ${error.message}\n${describeViolations(error.violations.slice(0, 50)).split('; ').join('\n')}\n`);
      return 2;
    }
    throw error;
  } finally {
    await app.close();
  }
}


main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`backfill: failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
