import { Inject, Injectable } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { HashpriceComputedSchema, Topics, type BtcPriceObserved, type NetworkSnapshotObserved } from '@hashdesk/contracts';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter, type TopicNamespace } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER, REDIS, TOPIC_NAMESPACE } from '@hashdesk/platform';
import { computeHashprice } from './hashprice.calculator';
import { NetworkInputEntity } from './network-input.entity';

type InputKind = NetworkInputEntity['kind'];

/** The observation's own event time (when it was true); the ce_time header as a fallback. */
const eventTimeOf = (timestamp: Timestamp | undefined, event: DecodedEvent): Date => (timestamp ? timestampDate(timestamp) : event.meta.time);

/**
 * Handles a price or network observation: in one transaction it marks the event processed (inbox),
 * keeps the newest input of its kind by event time, and when both inputs exist writes the hashprice
 * figure and its events to the outbox. A redelivered event changes nothing.
 */
@Injectable()
export class RecordNetworkInputUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TOPIC_NAMESPACE) private readonly namespace: TopicNamespace,
  ) {}

  onPriceObserved(event: DecodedEvent<typeof Topics.priceObserved.schema>): Promise<void> {
    const m: BtcPriceObserved = event.message;
    if (!(m.priceUsd > 0)) throw new PoisonMessageError('INVALID_PRICE', `priceUsd must be > 0, got ${m.priceUsd}`);
    return this.record(event, eventTimeOf(m.eventTime, event), 'btc-price', { priceUsd: m.priceUsd });
  }

  onNetworkObserved(event: DecodedEvent<typeof Topics.networkObserved.schema>): Promise<void> {
    const m: NetworkSnapshotObserved = event.message;
    if (!(m.difficulty > 0)) throw new PoisonMessageError('INVALID_DIFFICULTY', `difficulty must be > 0, got ${m.difficulty}`);
    return this.record(event, eventTimeOf(m.eventTime, event), 'network-snapshot', { height: m.height, difficulty: m.difficulty, feesPerBlockSats: Number(m.feesPerBlockSats) });
  }

  private async record(event: DecodedEvent, eventTime: Date, kind: InputKind, values: Record<string, number>): Promise<void> {
    const latest = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'valuation', event.meta.id, event.topic))) return undefined;
      const changed = await this.upsertIfNewer(em, { kind, eventId: event.meta.id, eventType: event.meta.type, eventTime, values });
      if (!changed) return undefined;
      const inputs = await em.find(NetworkInputEntity);
      const price = inputs.find((i) => i.kind === 'btc-price');
      const network = inputs.find((i) => i.kind === 'network-snapshot');
      if (!price || !network) return undefined;
      return this.publishHashprice(em, price, network);
    });
    if (latest) {
      this.relay.kick();
      await this.redis.set(this.cacheKey(), latest).catch(() => undefined); // a cache: PostgreSQL stays the truth
    }
  }

  /** Late or out-of-order inputs older than the stored one do not move the latest state. */
  private async upsertIfNewer(em: EntityManager, input: Omit<NetworkInputEntity, never>): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO network_input (kind, event_id, event_type, event_time, "values") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind) DO UPDATE SET event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type,
         event_time = EXCLUDED.event_time, "values" = EXCLUDED."values"
       WHERE network_input.event_time <= EXCLUDED.event_time RETURNING kind`,
      [input.kind, input.eventId, input.eventType, input.eventTime, JSON.stringify(input.values)],
    );
    return rows.length > 0;
  }

  private async publishHashprice(em: EntityManager, price: NetworkInputEntity, network: NetworkInputEntity): Promise<string | undefined> {
    const metric = computeHashprice(price, network);
    const json = toJson(HashpriceComputedSchema, metric) as Record<string, unknown>;
    const asOf = timestampDate(metric.asOf as Timestamp);
    const inserted: unknown[] = await em.query(
      `INSERT INTO hashprice_metric (metric_id, as_of, hashprice_usd_per_ph_day, metric) VALUES ($1, $2, $3, $4)
       ON CONFLICT (metric_id) DO NOTHING RETURNING metric_id`,
      [metric.metricId, asOf, metric.hashpriceUsdPerPhDay, JSON.stringify(json)],
    );
    if (inserted.length === 0) return undefined;
    await this.outbox.add(
      em,
      { entry: Topics.hashpriceComputed, message: metric, eventId: metric.metricId, eventTime: asOf, subject: 'BTC' },
      { entry: Topics.hashpriceLatest, message: metric, eventTime: asOf, subject: 'BTC' },
    );
    return JSON.stringify(json);
  }

  cacheKey(): string {
    return `${this.namespace.prefix}valuation:hashprice:latest`;
  }
}
