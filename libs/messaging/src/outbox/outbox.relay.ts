import { CompressionTypes, type Producer, type TopicMessages } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { LoggerPort } from '../logger.port';
import type { TopicNamespace } from '../topic-namespace';
import { withSendSpan } from '../trace-context';
import { DEFAULT_RELAY_BATCH_BYTES, DEFAULT_RELAY_RAW_BYTES, withinCompressedBytes } from './relay-batch';
import { observeOutboxBacklog, recordRelayLatency } from '../messaging-metrics';

interface OutboxRow {
  id: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: Buffer;
  age_s: number;
}

export interface OutboxRelayOptions {
  pollIntervalMs: number;
  batchSize?: number;
  /** Compressed bytes per send, at most (a single larger event is sent alone); default 512 KiB, under the broker's 1 MiB. */
  batchBytes?: number;
  /** Bytes per send before compression, at most; default 8 MiB. */
  rawBatchBytes?: number;
}

/**
 * Publishes unpublished outbox rows in id order and marks them published, in one transaction that
 * holds a per-schema advisory lock (relays take turns, so order by id is kept across processes). A crash after the
 * send and before the commit republishes the same rows with the same ce_id: consumers deduplicate.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private publishedCount = 0;
  private lastError?: string;
  private stopBacklog?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly namespace: TopicNamespace,
    private readonly logger: LoggerPort,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopBacklog = observeOutboxBacklog(async () => {
      const [{ n }] = await this.dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL');
      return Number(n);
    });
    this.loop = this.run();
  }

  /** Asks the relay to look now (after a transaction that added rows committed). */
  kick(): void {
    // Remembered when it arrives mid-batch, so the next sleep is skipped instead of the kick lost.
    this.kicked = true;
    this.wake?.();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.stopBacklog?.();
    this.stopBacklog = undefined;
  }

  get stats() {
    return { running: this.running, publishedCount: this.publishedCount, lastError: this.lastError };
  }

  /** Publishes everything pending; returns how many rows it published. For tests and replays. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = (await this.publishBatch()).published; n > 0; n = (await this.publishBatch()).published) total += n;
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      let more = false;
      try {
        ({ published, more } = await this.publishBatch());
        this.lastError = undefined;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.logger.error({ err: error }, 'outbox relay: publish failed, will retry');
      }
      const kicked = this.kicked;
      this.kicked = false;
      if (kicked && !this.lastError) continue;
      if (!more && this.running) await this.sleep(published === 0 && this.lastError ? 1_000 : this.options.pollIntervalMs);
    }
  }

  /** `more`: rows were left for the next batch (it was cut by count or by size), so no pause before it. */
  private async publishBatch(): Promise<{ published: number; more: boolean }> {
    return this.dataSource.transaction(async (em) => {
      // One publisher per schema at a time: two relays (the service and a backfill) must not publish
      // batches of the same key out of order. The lock is released when the transaction ends.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay'))`);
      const selected: OutboxRow[] = await em.query(
        `SELECT id, topic, partition_key, headers, payload, extract(epoch FROM clock_timestamp() - created_at)::float8 AS age_s FROM outbox_event
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 500],
      );
      if (selected.length === 0) return { published: 0, more: false };
      const rows = withinCompressedBytes(selected, this.options.rawBatchBytes ?? DEFAULT_RELAY_RAW_BYTES, this.options.batchBytes ?? DEFAULT_RELAY_BATCH_BYTES);
      const topicMessages = this.groupByTopic(rows);
      // A `send <topic>` span per topic of the batch, linked to each message's creation context.
      await nestSendSpans(topicMessages, this.namespace, () => this.producer.sendBatch({ acks: -1, compression: CompressionTypes.GZIP, topicMessages }));
      await em.query('UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      this.publishedCount += rows.length;
      recordRelayLatency(rows.map((r) => Number(r.age_s)));
      return { published: rows.length, more: rows.length < selected.length || selected.length === (this.options.batchSize ?? 500) };
    });
  }

  private groupByTopic(rows: OutboxRow[]): TopicMessages[] {
    const byTopic = new Map<string, TopicMessages>();
    for (const row of rows) {
      const topic = this.namespace.topic(row.topic);
      let group = byTopic.get(topic);
      if (!group) byTopic.set(topic, (group = { topic, messages: [] }));
      group.messages.push({ key: row.partition_key, value: row.payload, headers: row.headers });
    }
    return [...byTopic.values()];
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function nestSendSpans<T>(topics: TopicMessages[], namespace: TopicNamespace, fn: () => Promise<T>): Promise<T> {
  return topics.reduceRight<() => Promise<T>>((inner, { topic, messages }) => () =>
    withSendSpan({ topic, logicalTopic: namespace.logical(topic) }, messages.map((m) => (m.headers ?? {}) as Record<string, string>), inner), fn)();
}
