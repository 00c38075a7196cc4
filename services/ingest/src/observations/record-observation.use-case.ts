import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import { BtcPriceObservedSchema, NetworkSnapshotObservedSchema, Topics } from '@hashdesk/contracts';
import { traceIdOf, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import { observationId } from './observation-id.util';

export interface BtcPriceObservation {
  kind: 'btc-price';
  source: string;
  pair: string;
  eventTime: Date;
  priceUsd: number;
  componentSources?: string[];
}

export interface NetworkSnapshotObservation {
  kind: 'network-snapshot';
  source: string;
  eventTime: Date;
  height: number;
  difficulty: number;
  feesPerBlockSats: number;
  feeWindowBlocks: number;
}

export type AcceptedObservation = BtcPriceObservation | NetworkSnapshotObservation;

export interface RecordResult {
  observationId: string;
  /** false when the same observation was already recorded: nothing new was published. */
  published: boolean;
  traceId?: string;
}

/**
 * Stores an accepted observation and its event in one transaction (transactional outbox): a crash
 * after the commit loses nothing, since the relay publishes whatever is still unpublished.
 */
@Injectable()
export class RecordObservationUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async execute(observation: AcceptedObservation, traceparent: string, learnedAt = new Date()): Promise<RecordResult> {
    const key = observation.kind === 'btc-price' ? observation.pair : 'BTC';
    const id = observationId(observation.kind, observation.source, key, observation.eventTime);
    const { kind: _kind, source, eventTime, ...values } = observation;
    const published = await this.dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO observation (id, kind, source, key, event_time, learned_at, "values")
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, observation.kind, source, key, eventTime, learnedAt, JSON.stringify(values)],
      );
      if (inserted.length === 0) return false;
      if (observation.kind === 'btc-price') {
        await this.outbox.add(em, {
          entry: Topics.priceObserved,
          eventId: id,
          eventTime,
          subject: observation.pair,
          traceparent,
          message: create(BtcPriceObservedSchema, {
            observationId: id,
            eventTime: timestampFromDate(eventTime),
            learnedTime: timestampFromDate(learnedAt),
            pair: observation.pair,
            priceUsd: observation.priceUsd,
            source,
            componentSources: observation.componentSources ?? [],
          }),
        });
      } else {
        await this.outbox.add(em, {
          entry: Topics.networkObserved,
          eventId: id,
          eventTime,
          subject: 'BTC',
          traceparent,
          message: create(NetworkSnapshotObservedSchema, {
            observationId: id,
            eventTime: timestampFromDate(eventTime),
            learnedTime: timestampFromDate(learnedAt),
            height: observation.height,
            difficulty: observation.difficulty,
            feesPerBlockSats: BigInt(observation.feesPerBlockSats),
            feeWindowBlocks: observation.feeWindowBlocks,
            source,
          }),
        });
      }
      return true;
    });
    if (published) this.relay.kick();
    return { observationId: id, published, traceId: traceIdOf(traceparent) };
  }
}
