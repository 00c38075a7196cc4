import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { traceIdOf, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER, PLATFORM_OPTIONS, type PlatformOptions } from '@hashdesk/platform';
import type { IngestEnv } from '../config/ingest.config';
import { QuarantineWriter } from '../quarantine/quarantine.writer';
import { observationEvent } from './observation-event.mapper';
import { observationId } from './observation-id.util';
import { checkHeightOrder, checkPlausibility, type HeightNeighbours } from './observation-plausibility';
import { observationKey, type AcceptedObservation, type BtcPriceObservation, type NetworkSnapshotObservation, type RecordViolation } from './observation.types';
import { checkPriceBandBatch, type PriceBand, type PriceNeighbours } from './price-band';

/** A well-formed record on its way in: the observation and, for quarantine, where it came from as received. */
export interface IncomingObservation {
  observation: AcceptedObservation;
  /** e.g. "http:btc-price", "http:batch line 3", "backfill:network-daily.csv line 12" */
  origin: string;
  /** The record as received (kept verbatim in quarantine). */
  raw: unknown;
}

export interface RecordResult {
  observationId: string;
  /** false when the same observation was already recorded: nothing new was published. */
  published: boolean;
  traceId?: string;
}

export interface RecordRejection {
  /** Index of the record in the input. */
  index: number;
  violations: RecordViolation[];
  quarantineId: string;
}

export interface RecordOutcome {
  /** One per input record that was accepted (in input order), empty when an all-or-nothing batch was rejected. */
  results: Array<RecordResult & { index: number }>;
  rejections: RecordRejection[];
  /** How many new observations were queued for publication. */
  published: number;
}

export interface RecordOptions {
  traceparent: string;
  learnedAt?: Date;
  /**
   * all-or-nothing (the push API): one implausible record rejects the whole batch, and nothing of it is
   * stored or published except the quarantine events. partial (backfill): the implausible records are
   * quarantined and the others recorded. quarantine-only (a batch already rejected for its shape): the
   * implausible records are quarantined, nothing is recorded.
   */
  mode: 'all-or-nothing' | 'partial' | 'quarantine-only';
}

/**
 * Checks observations for plausibility, then stores the accepted ones and their events in one
 * transaction (transactional outbox): a crash after the commit loses nothing, since the relay
 * publishes whatever is still unpublished. The observation id is derived from (kind, source, key,
 * event time), so an observation ingested twice is stored and published once.
 */
@Injectable()
export class RecordObservationsUseCase {
  private readonly priceBand: PriceBand;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly quarantine: QuarantineWriter,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    const env = options.infra as IngestEnv;
    this.priceBand = { bandRatio: env.INGEST_PRICE_BAND_RATIO, windowMs: env.INGEST_PRICE_BAND_WINDOW_DAYS * 86_400_000 };
  }

  async execute(records: readonly IncomingObservation[], options: RecordOptions): Promise<RecordOutcome> {
    const learnedAt = options.learnedAt ?? new Date();
    const outcome = await this.dataSource.transaction(async (em) => {
      const violations = await this.implausibilities(em, records, learnedAt);
      const rejected = [...violations.entries()].sort(([a], [b]) => a - b);
      const quarantineIds = await this.quarantine.add(
        em,
        rejected.map(([index, found]) => {
          const { observation, origin, raw } = records[index];
          return { kind: observation.kind, source: observation.source, eventTime: observation.eventTime, origin, record: raw, violations: found };
        }),
        learnedAt,
        options.traceparent,
      );
      const rejections = rejected.map(([index, found], i) => ({ index, violations: found, quarantineId: quarantineIds[i] }));
      if (options.mode === 'quarantine-only' || (rejections.length > 0 && options.mode === 'all-or-nothing')) return { results: [], rejections, published: 0, queued: rejections.length };
      const accepted = records.map((record, index) => ({ ...record, index })).filter((r) => !violations.has(r.index));
      const { results, published } = await this.store(em, accepted, learnedAt, options.traceparent);
      return { results, rejections, published, queued: published + rejections.length };
    });
    if (outcome.queued > 0) this.relay.kick();
    return { results: outcome.results, rejections: outcome.rejections, published: outcome.published };
  }

  /**
   * Violations by record index: the pure checks, conflicting re-posts, then the height order and the
   * price band against the batch and the stored history.
   */
  private async implausibilities(em: EntityManager, records: readonly IncomingObservation[], now: Date): Promise<Map<number, RecordViolation[]>> {
    const violations = new Map<number, RecordViolation[]>();
    records.forEach((record, index) => {
      const found = checkPlausibility(record.observation, now);
      if (found.length > 0) violations.set(index, found);
    });
    const storedIds = await this.conflictingReposts(em, records, violations);
    await this.heightOrder(em, records, violations);
    await this.priceBandViolations(em, records, violations, storedIds);
    return violations;
  }

  /** A source's snapshots in event-time order never lose height, within the batch and against the stored ones. */
  private async heightOrder(em: EntityManager, records: readonly IncomingObservation[], violations: Map<number, RecordViolation[]>): Promise<void> {
    const snapshots = records
      .map((record, index) => ({ snapshot: record.observation, index }))
      .filter((r): r is { snapshot: NetworkSnapshotObservation; index: number } => r.snapshot.kind === 'network-snapshot' && !violations.has(r.index));
    if (snapshots.length === 0) return;
    const stored = await this.storedNeighbours(em, snapshots.map((s) => s.snapshot));
    // In event-time order per source, each snapshot is compared with the last accepted one before it.
    const ordered = snapshots.map((s, i) => ({ ...s, stored: stored[i] }))
      .sort((a, b) => a.snapshot.source.localeCompare(b.snapshot.source) || a.snapshot.eventTime.getTime() - b.snapshot.eventTime.getTime());
    let last: { source: string; height: number; eventTime: Date } | undefined;
    for (const { snapshot, index, stored: neighbours } of ordered) {
      const inBatch = last && last.source === snapshot.source && last.eventTime.getTime() < snapshot.eventTime.getTime() ? last : undefined;
      const previous = !neighbours.previous || (inBatch && inBatch.eventTime > neighbours.previous.eventTime) ? inBatch : neighbours.previous;
      const found = checkHeightOrder(snapshot.height, { previous, next: neighbours.next });
      if (found.length > 0) violations.set(index, found);
      else last = { source: snapshot.source, height: snapshot.height, eventTime: snapshot.eventTime };
    }
  }

  /**
   * BTC prices far from every neighbour in time (observations/price-band.ts). Only BTC prices: equity
   * quotes jump by the split ratio on a reverse split and small caps can move 50 % in a day; power prices
   * can be zero or negative (no ratio) and spike a hundredfold under scarcity pricing. A price already
   * recorded under its id was checked when it came in, so a rerun never quarantines it.
   */
  private async priceBandViolations(
    em: EntityManager, records: readonly IncomingObservation[], violations: Map<number, RecordViolation[]>, storedIds: ReadonlySet<string>,
  ): Promise<void> {
    const prices = records
      .map((record, index) => ({ price: record.observation, index }))
      .filter((r): r is { price: BtcPriceObservation; index: number } => r.price.kind === 'btc-price' && !violations.has(r.index) && !storedIds.has(idOf(r.price)));
    if (prices.length === 0) return;
    const stored = await this.storedPriceNeighbours(em, prices.map((p) => p.price));
    const found = checkPriceBandBatch(
      prices.map((p, i) => ({ key: p.price.pair, source: p.price.source, eventTime: p.price.eventTime, priceUsd: p.price.priceUsd, stored: stored[i] })),
      'priceUsd',
      this.priceBand,
    );
    for (const [i, priceViolations] of found) violations.set(prices[i].index, priceViolations);
  }

  /** For each price, the nearest stored price of the same pair (any source) at or before and at or after it, within the window. */
  private async storedPriceNeighbours(em: EntityManager, prices: BtcPriceObservation[]): Promise<PriceNeighbours[]> {
    const rows: Array<{
      prev_source: string | null; prev_time: Date | null; prev_usd: number | null; next_source: string | null; next_time: Date | null; next_usd: number | null;
    }> = await em.query(
      `SELECT t.i, p.source AS prev_source, p.event_time AS prev_time, p.usd AS prev_usd, n.source AS next_source, n.event_time AS next_time, n.usd AS next_usd
         FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS t(key, source, event_time, i)
         LEFT JOIN LATERAL (SELECT o.source, o.event_time, ("values"->>'priceUsd')::float8 AS usd FROM observation o
                             WHERE o.kind = 'btc-price' AND o.key = t.key AND o.event_time <= t.event_time
                               AND o.event_time >= t.event_time - $4 * interval '1 millisecond'
                               AND NOT (o.source = t.source AND o.event_time = t.event_time)
                             ORDER BY o.event_time DESC LIMIT 1) p ON true
         LEFT JOIN LATERAL (SELECT o.source, o.event_time, ("values"->>'priceUsd')::float8 AS usd FROM observation o
                             WHERE o.kind = 'btc-price' AND o.key = t.key AND o.event_time >= t.event_time
                               AND o.event_time <= t.event_time + $4 * interval '1 millisecond'
                               AND NOT (o.source = t.source AND o.event_time = t.event_time)
                             ORDER BY o.event_time ASC LIMIT 1) n ON true
        ORDER BY t.i`,
      [prices.map((p) => p.pair), prices.map((p) => p.source), prices.map((p) => p.eventTime), this.priceBand.windowMs],
    );
    const point = (source: string | null, time: Date | null, usd: number | null) =>
      source === null || time === null || usd === null ? undefined : { source, eventTime: new Date(time), priceUsd: Number(usd) };
    return rows.map((r) => ({ before: point(r.prev_source, r.prev_time, r.prev_usd), after: point(r.next_source, r.next_time, r.next_usd) }));
  }

  /**
   * The same source reporting another value for the same time (a stored one, or an earlier line of the
   * batch) is a conflict, quarantined with the fields that differ, never dropped as a duplicate.
   * Returns the ids already stored.
   */
  private async conflictingReposts(em: EntityManager, records: readonly IncomingObservation[], violations: Map<number, RecordViolation[]>): Promise<Set<string>> {
    const candidates = records
      .map((record, index) => ({ index, id: idOf(record.observation), values: valuesOf(record.observation) }))
      .filter((c) => !violations.has(c.index));
    if (candidates.length === 0) return new Set();
    const stored: Array<{ id: string; values: Record<string, unknown> }> = await em.query(
      'SELECT id, "values" FROM observation WHERE id = ANY($1::text[])', [[...new Set(candidates.map((c) => c.id))]]);
    const known = new Map(stored.map((r) => [r.id, r.values]));
    for (const candidate of candidates) {
      const earlier = known.get(candidate.id);
      const differing = earlier ? Object.keys(candidate.values).filter((key) => JSON.stringify(candidate.values[key]) !== JSON.stringify(earlier[key])) : [];
      if (differing.length > 0) {
        violations.set(candidate.index, differing.map((field) => ({
          field, rule: 'conflictingRepost', message: `this source already reported ${JSON.stringify(earlier?.[field])} for this time; a correction needs its own source or time`,
        })));
      } else if (!earlier) {
        known.set(candidate.id, candidate.values);
      }
    }
    return new Set(stored.map((r) => r.id));
  }

  /** For each snapshot, the same source's stored snapshots just before and just after it (index seeks). */
  private async storedNeighbours(em: EntityManager, snapshots: NetworkSnapshotObservation[]): Promise<HeightNeighbours[]> {
    const rows: Array<{ i: string; prev_height: string | null; prev_time: Date | null; next_height: string | null; next_time: Date | null }> = await em.query(
      `SELECT t.i, p.height AS prev_height, p.event_time AS prev_time, n.height AS next_height, n.event_time AS next_time
         FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS t(source, event_time, i)
         LEFT JOIN LATERAL (SELECT ("values"->>'height')::bigint AS height, o.event_time FROM observation o
                             WHERE o.kind = 'network-snapshot' AND o.source = t.source AND o.event_time < t.event_time
                             ORDER BY o.event_time DESC LIMIT 1) p ON true
         LEFT JOIN LATERAL (SELECT ("values"->>'height')::bigint AS height, o.event_time FROM observation o
                             WHERE o.kind = 'network-snapshot' AND o.source = t.source AND o.event_time > t.event_time
                             ORDER BY o.event_time ASC LIMIT 1) n ON true
        ORDER BY t.i`,
      [snapshots.map((s) => s.source), snapshots.map((s) => s.eventTime)],
    );
    return rows.map((r) => ({
      previous: r.prev_height === null || r.prev_time === null ? undefined : { height: Number(r.prev_height), eventTime: new Date(r.prev_time) },
      next: r.next_height === null || r.next_time === null ? undefined : { height: Number(r.next_height), eventTime: new Date(r.next_time) },
    }));
  }

  private async store(
    em: EntityManager,
    accepted: Array<IncomingObservation & { index: number }>,
    learnedAt: Date,
    traceparent: string,
  ): Promise<{ results: Array<RecordResult & { index: number }>; published: number }> {
    if (accepted.length === 0) return { results: [], published: 0 };
    const rows = accepted.map((r) => {
      const { kind, source, eventTime, ...values } = r.observation;
      const key = observationKey(r.observation);
      return { index: r.index, observation: r.observation, id: observationId(kind, source, key, eventTime), kind, source, key, eventTime, values };
    });
    const inserted: Array<{ id: string }> = await em.query(
      `INSERT INTO observation (id, kind, source, key, event_time, learned_at, "values")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[])
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.source), rows.map((r) => r.key),
        rows.map((r) => r.eventTime), rows.map(() => learnedAt), rows.map((r) => JSON.stringify(r.values)),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.id));
    const traceId = traceIdOf(traceparent);
    const events: Array<ReturnType<typeof observationEvent>> = [];
    const results = rows.map((r) => {
      const published = fresh.delete(r.id); // a repeat inside the batch publishes once
      if (published) events.push(observationEvent(r.observation, r.id, learnedAt, traceparent));
      return { index: r.index, observationId: r.id, published, traceId };
    });
    for (let i = 0; i < events.length; i += OUTBOX_CHUNK) await this.outbox.add(em, ...events.slice(i, i + OUTBOX_CHUNK));
    return { results, published: events.length };
  }
}

/** What an observation is stored under: its id (kind, source, key, event time) and its values. */
const idOf = (observation: IncomingObservation['observation']): string =>
  observationId(observation.kind, observation.source, observationKey(observation), observation.eventTime);
const valuesOf = (observation: IncomingObservation['observation']): Record<string, unknown> => {
  const { kind: _kind, source: _source, eventTime: _eventTime, ...values } = observation;
  return JSON.parse(JSON.stringify(values)) as Record<string, unknown>;
};

/** Outbox rows per INSERT statement (TypeORM binds a parameter per column and row). */
const OUTBOX_CHUNK = 1_000;
