import { Injectable } from '@nestjs/common';
import { ObservationException, ObservationExceptionCode } from '../observations/observation.exception';
import { RecordObservationsUseCase, type IncomingObservation } from '../observations/record-observations.use-case';
import { parseDailyHistoryCsv, type DailyHistoryOptions } from './daily-history-csv.parser';

/** Observations per transaction: big enough to amortise round trips, small enough to keep locks short. */
export const BACKFILL_CHUNK = 2_000;

export interface BackfillSummary {
  file: string;
  source: string;
  days: number;
  firstDay?: string;
  lastDay?: string;
  observations: number;
  /** New observations queued for publication; 0 when the file was already backfilled. */
  published: number;
  /** Already recorded (same source, key and event time): not published again. */
  duplicates: number;
  /** Implausible records: refused and published to the quarantine topic, with their lines. */
  quarantined: Array<{ line: number; quarantineId: string; rules: string[] }>;
  writeMs: number;
}

/**
 * Imports a daily history CSV through the same path as every observation: plausibility, the
 * observation table and the outbox, in transactions of BACKFILL_CHUNK observations. Shape errors
 * reject the whole file before anything is written; implausible days are quarantined and the rest
 * recorded. Idempotent: a rerun finds every observation recorded and publishes nothing.
 */
@Injectable()
export class BackfillUseCase {
  constructor(private readonly record: RecordObservationsUseCase) {}

  async execute(file: string, csv: string, options: DailyHistoryOptions, traceparent: string): Promise<BackfillSummary> {
    const started = performance.now();
    const parsed = parseDailyHistoryCsv(csv, options);
    if (parsed.violations.length > 0) {
      throw new ObservationException(ObservationExceptionCode.INVALID_RECORD, `${file}: the file was rejected, nothing was stored`, parsed.violations);
    }
    const incoming: Array<IncomingObservation & { line: number }> = parsed.records.flatMap((r) =>
      r.observations.map((observation) => ({ observation, origin: `backfill:${file} line ${r.line}`, raw: r.raw, line: r.line })),
    );
    const summary: BackfillSummary = {
      file,
      source: options.source,
      days: parsed.records.length,
      firstDay: parsed.records[0]?.date,
      lastDay: parsed.records.at(-1)?.date,
      observations: incoming.length,
      published: 0,
      duplicates: 0,
      quarantined: [],
      writeMs: 0,
    };
    for (let i = 0; i < incoming.length; i += BACKFILL_CHUNK) {
      const chunk = incoming.slice(i, i + BACKFILL_CHUNK);
      const outcome = await this.record.execute(chunk, { traceparent, mode: 'partial' });
      summary.published += outcome.published;
      summary.duplicates += outcome.results.length - outcome.published;
      summary.quarantined.push(...outcome.rejections.map((r) => ({
        line: chunk[r.index].line, quarantineId: r.quarantineId, rules: r.violations.map((v) => `${v.field}:${v.rule}`),
      })));
    }
    summary.writeMs = Math.round(performance.now() - started);
    return summary;
  }
}
