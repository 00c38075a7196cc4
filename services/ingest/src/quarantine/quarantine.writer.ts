import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { EntityManager } from 'typeorm';
import { ObservationQuarantinedSchema, Topics } from '@hashdesk/contracts';
import type { OutboxWriter } from '@hashdesk/messaging';
import { OUTBOX_WRITER } from '@hashdesk/platform';
import type { RecordViolation } from '../observations/observation.types';
import { quarantineId } from './quarantine-id.util';

export interface QuarantineCandidate {
  kind: string;
  source: string;
  eventTime?: Date;
  /** Where the record came from, e.g. "http:batch line 3". */
  origin: string;
  /** The record as received. */
  record: unknown;
  violations: RecordViolation[];
}

/**
 * Keeps refused-but-readable records: a row in observation_quarantine and an event on
 * ingest.observation.quarantined.v1, in the caller's transaction (through the outbox). Nothing implausible
 * is silently dropped; the same refusal repeated is stored and published once.
 */
@Injectable()
export class QuarantineWriter {
  constructor(@Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter) {}

  /** Returns the quarantine id of each candidate, in order. */
  async add(em: EntityManager, candidates: readonly QuarantineCandidate[], learnedAt: Date, traceparent: string): Promise<string[]> {
    if (candidates.length === 0) return [];
    const rows = candidates.map((c) => {
      const recordJson = JSON.stringify(c.record) ?? 'null';
      return { ...c, recordJson, id: quarantineId(c.kind, c.source, recordJson, c.violations) };
    });
    const inserted: Array<{ id: string }> = await em.query(
      `INSERT INTO observation_quarantine (id, kind, source, event_time, learned_at, origin, record, violations)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::jsonb[], $8::jsonb[])
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.source), rows.map((r) => r.eventTime ?? null),
        rows.map(() => learnedAt), rows.map((r) => r.origin), rows.map((r) => r.recordJson), rows.map((r) => JSON.stringify(r.violations)),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.id));
    const published = new Set<string>();
    const events = rows
      .filter((r) => fresh.has(r.id) && !published.has(r.id) && published.add(r.id))
      .map((r) => ({
        entry: Topics.observationQuarantined,
        eventId: r.id,
        eventTime: learnedAt,
        subject: r.kind,
        traceparent,
        message: create(ObservationQuarantinedSchema, {
          quarantineId: r.id,
          kind: r.kind,
          source: r.source,
          eventTime: r.eventTime ? timestampFromDate(r.eventTime) : undefined,
          learnedTime: timestampFromDate(learnedAt),
          origin: r.origin,
          recordJson: r.recordJson,
          violations: r.violations,
        }),
      }));
    await this.outbox.add(em, ...events);
    return rows.map((r) => r.id);
  }
}
