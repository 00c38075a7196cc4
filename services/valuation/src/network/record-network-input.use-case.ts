import { Inject, Injectable } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { HashpriceComputedSchema, Topics, type BtcPriceObserved, type NetworkSnapshotObserved } from '@hashdesk/contracts';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter, type TopicNamespace } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER, REDIS, TOPIC_NAMESPACE } from '@hashdesk/platform';
import { ComparablesCache } from '../companies/comparables.cache';
import { computeMachineTableMessage, REFERENCE_POWER_PRICES_USD_PER_KWH } from '../machines/machine-table.calculator';
import { loadRegionalPowerPrices } from '../machines/regional-power-prices.repository';
import { ValueCompaniesService } from '../companies/value-companies.service';
import { findPeriodReference } from '../retarget/period-reference.query';
import { ProjectMarginsService } from '../retarget/project-margins.service';
import { computeHashprice, latestEventIdFor } from './hashprice.calculator';
import { NetworkInputEntity } from './network-input.entity';

type InputKind = NetworkInputEntity['kind'];

/** The observation's own event time (when it was true); the ce_time header as a fallback. */
const eventTimeOf = (timestamp: Timestamp | undefined, event: DecodedEvent): Date => (timestamp ? timestampDate(timestamp) : event.meta.time);

/** When ingest learned the observation; its event time when an old producer left it out. */
const learnedTimeOf = (timestamp: Timestamp | undefined, event: DecodedEvent): Date => (timestamp ? timestampDate(timestamp) : event.meta.time);

/** What a price or network observation contributes to the market history (validated: a bad one is poison). */
interface ObservedInput {
  kind: InputKind;
  eventTime: Date;
  learnedTime: Date;
  values: Record<string, number>;
}

/** What a committed transaction leaves to do: the latest hashprice JSON (cache) and how many valuations it wrote. */
export interface RecordOutcome {
  latest?: string;
  valued: number;
}

function inputOfPrice(event: DecodedEvent<typeof Topics.priceObserved.schema>): ObservedInput {
  const m: BtcPriceObserved = event.message;
  if (!(m.priceUsd > 0)) throw new PoisonMessageError('INVALID_PRICE', `priceUsd must be > 0, got ${m.priceUsd}`);
  return { kind: 'btc-price', eventTime: eventTimeOf(m.eventTime, event), learnedTime: learnedTimeOf(m.learnedTime, event), values: { priceUsd: m.priceUsd } };
}

function inputOfSnapshot(event: DecodedEvent<typeof Topics.networkObserved.schema>): ObservedInput {
  const m: NetworkSnapshotObserved = event.message;
  if (!(m.difficulty > 0)) throw new PoisonMessageError('INVALID_DIFFICULTY', `difficulty must be > 0, got ${m.difficulty}`);
  return {
    kind: 'network-snapshot', eventTime: eventTimeOf(m.eventTime, event), learnedTime: learnedTimeOf(m.learnedTime, event),
    values: { height: m.height, difficulty: m.difficulty, feesPerBlockSats: Number(m.feesPerBlockSats) },
  };
}

/**
 * Handles a price or network observation: in one transaction it marks the event processed (inbox),
 * keeps it in the market history and the newest input of its kind by event time, pairs it with the
 * other kind's input nearest before it (so late and out-of-order inputs are placed by event time), and
 * writes the hashprice of that market point and every company's valuation, with their events, to the
 * outbox. A redelivered event changes nothing.
 */
@Injectable()
export class RecordNetworkInputUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TOPIC_NAMESPACE) private readonly namespace: TopicNamespace,
    private readonly companies: ValueCompaniesService,
    private readonly margins: ProjectMarginsService,
    private readonly comparables: ComparablesCache,
  ) {}

  onPriceObserved(event: DecodedEvent<typeof Topics.priceObserved.schema>): Promise<void> {
    return this.recordAlone(event, inputOfPrice(event));
  }

  onNetworkObserved(event: DecodedEvent<typeof Topics.networkObserved.schema>): Promise<void> {
    return this.recordAlone(event, inputOfSnapshot(event));
  }

  /**
   * The batch path (subscribeBatch): the consumer has marked the batch's inbox rows in `em`'s
   * transaction; each input is recorded in it in offset order (an input pairs with those before it,
   * written earlier in the same transaction). A poison input fails the batch, which the consumer then
   * handles one message at a time, so it alone is dead-lettered.
   */
  async recordBatch(events: DecodedEvent[], em: EntityManager): Promise<RecordOutcome> {
    let outcome: RecordOutcome = { valued: 0 };
    for (const event of events) {
      // The topic decides the schema (a namespaced topic ends with the logical name).
      const input = event.topic.endsWith(Topics.priceObserved.name)
        ? inputOfPrice(event as DecodedEvent<typeof Topics.priceObserved.schema>)
        : inputOfSnapshot(event as DecodedEvent<typeof Topics.networkObserved.schema>);
      const recorded = await this.recordIn(em, event, input);
      outcome = { latest: recorded.latest ?? outcome.latest, valued: outcome.valued + recorded.valued };
    }
    return outcome;
  }

  /** After a transaction committed: publish its events, drop stale comparables, move the latest-hashprice cache. */
  async afterCommit(outcome: RecordOutcome): Promise<void> {
    this.relay.kick();
    if (outcome.valued > 0) await this.comparables.invalidate();
    if (outcome.latest) await this.redis.set(this.cacheKey(), outcome.latest).catch(() => undefined); // a cache: PostgreSQL stays the truth
  }

  /** The per-message path: its own transaction with the inbox row; a redelivered event changes nothing. */
  private async recordAlone(event: DecodedEvent, input: ObservedInput): Promise<void> {
    const outcome = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'valuation', event.meta.id, event.topic))) return undefined;
      return this.recordIn(em, event, input);
    });
    if (outcome) await this.afterCommit(outcome);
  }

  private async recordIn(em: EntityManager, event: DecodedEvent, { kind, eventTime, learnedTime, values }: ObservedInput): Promise<RecordOutcome> {
    const input = { eventId: event.meta.id, eventType: event.meta.type, eventTime, learnedTime, values };
    // Company valuations place every input by its event time, late ones included.
    const point = await this.companies.recordMarketInput(em, kind, input);
    const changed = await this.upsertIfNewer(em, { kind, eventId: event.meta.id, eventType: event.meta.type, eventTime, values });
    // A late input is also the nearest before the other kind's inputs that came after it in event time.
    // When this input is the newest of its kind, the last of those points is the newest market state.
    let laterValued = 0;
    let laterLatest: string | undefined;
    const laterPoints = await this.companies.laterMarketPoints(em, kind, input);
    for (const [i, later] of laterPoints.entries()) {
      const isLatest = changed && i === laterPoints.length - 1;
      laterValued += await this.companies.valueAtMarketInput(em, later, isLatest);
      laterLatest = (await this.publishHashprice(em, { kind: 'btc-price', ...later.price }, { kind: 'network-snapshot', ...later.network }, isLatest)) ?? laterLatest;
    }
    if (!point) return { latest: laterLatest, valued: laterValued };
    // The input's own point is the newest market state only when no later point already is.
    const pointIsLatest = changed && laterLatest === undefined;
    const valued = laterValued + (await this.companies.valueAtMarketInput(em, point, pointIsLatest));
    // Pre-retarget margin projections and their confirmations follow the newest snapshot.
    if (changed && kind === 'network-snapshot') await this.margins.onNewestSnapshot(em, point);
    const price = { kind: 'btc-price' as const, ...point.price };
    const network = { kind: 'network-snapshot' as const, ...point.network };
    const pointLatest = await this.publishHashprice(em, price, network, pointIsLatest);
    return { latest: laterLatest ?? pointLatest, valued };
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

  /**
   * The hashprice of a market point (placed by event time, late inputs included); when the input is the
   * newest of its kind it is also the latest figure (compacted topic and cache) and the ASIC break-even
   * table is published for it. Returns the latest figure's JSON.
   */
  private async publishHashprice(em: EntityManager, price: LearnedInput, network: LearnedInput, isLatest: boolean): Promise<string | undefined> {
    const reference = await findPeriodReference(em, network.values.height, network.eventTime);
    const metric = computeHashprice(price, network, reference);
    const json = toJson(HashpriceComputedSchema, metric) as Record<string, unknown>;
    const asOf = timestampDate(metric.asOf as Timestamp);
    const inserted: unknown[] = await em.query(
      `INSERT INTO hashprice_metric (metric_id, as_of, hashprice_usd_per_ph_day, metric, known_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (metric_id) DO NOTHING RETURNING metric_id`,
      [metric.metricId, asOf, metric.hashpriceUsdPerPhDay, JSON.stringify(json), knownAt(price, network)],
    );
    if (inserted.length === 0) return undefined;
    const computed = { entry: Topics.hashpriceComputed, message: metric, eventId: metric.metricId, eventTime: asOf, subject: 'BTC' };
    if (!isLatest) {
      await this.outbox.add(em, computed);
      return undefined;
    }
    // The ASIC break-even table follows the newest hashprice only (a backfill of history publishes none).
    const table = computeMachineTableMessage(metric, REFERENCE_POWER_PRICES_USD_PER_KWH, await loadRegionalPowerPrices(em));
    await this.outbox.add(em, computed, { entry: Topics.hashpriceLatest, message: metric, eventId: latestEventIdFor(metric.metricId), eventTime: asOf, subject: 'BTC' });
    await this.outbox.add(em, { entry: Topics.machinesComputed, message: table, eventId: table.metricId, eventTime: asOf, subject: 'catalog' });
    return JSON.stringify(json);
  }

  cacheKey(): string {
    return `${this.namespace.prefix}valuation:hashprice:latest`;
  }
}

/** A market input with the time hashdesk learned it (market_input rows carry it; the newest-state rows do not). */
type LearnedInput = NetworkInputEntity & { learnedTime?: Date };

/** When the figure could first be computed: the later of its inputs' learned times (null when neither is known). */
function knownAt(price: LearnedInput, network: LearnedInput): Date | null {
  const times = [price.learnedTime, network.learnedTime].filter((t): t is Date => t instanceof Date);
  return times.length === 0 ? null : new Date(Math.max(...times.map((t) => t.getTime())));
}
