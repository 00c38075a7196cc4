import type { DescMessage } from '@bufbuild/protobuf';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { deadLetterTopicName, DeadLetterHeaders, type TopicEntry } from '@hashdesk/contracts';
import { decodeMessage, headersToStrings, metaFromHeaders, type DecodedEvent } from '../event-envelope';
import type { LoggerPort } from '../logger.port';
import { classifyKafkaError, KafkaStartupError, retryKafkaStartup, STARTUP_RETRY_DEFAULTS } from '../retriable-startup';
import type { TopicNamespace } from '../topic-namespace';
import { markProcessedBatch } from '../inbox/inbox';
import { withProcessSpan, type ConsumedRecord } from '../trace-context';
import { ConsumerLagGauge, recordDeadLettered, recordProcessed } from '../messaging-metrics';
import { classifyFailure, errorCodeOf } from './handler-error';

export type EventHandler<Desc extends DescMessage> = (event: DecodedEvent<Desc>) => Promise<void>;

/**
 * A topic handled in batches (subscribeBatch): the consumer runs one transaction per batch that first
 * marks every event in the inbox with one multi-row INSERT … ON CONFLICT DO NOTHING RETURNING, then
 * calls `handle` with the events that were new, in offset order. The offsets are resolved and
 * committed only after that transaction commits.
 */
export interface BatchSubscription<Desc extends DescMessage> {
  /** The service's DataSource: the inbox rows and the handler's writes share its transaction. */
  dataSource: DataSource;
  /** Called inside the transaction with the events not handled before (never empty). */
  handle(events: Array<DecodedEvent<Desc>>, em: EntityManager): Promise<void>;
  /**
   * Optional fast path in front of the inbox: the ids of events known to be handled already (marks
   * in Redis, say). They skip the transaction; an id it does not know still meets the inbox. Its
   * failure only costs the fast path.
   */
  alreadyHandled?(events: Array<DecodedEvent<Desc>>): Promise<ReadonlySet<string>>;
  /** After the commit, with every event of the batch (all are in the inbox now). Failures are logged. */
  afterCommit?(events: Array<DecodedEvent<Desc>>): Promise<void>;
}

export interface EventConsumerOptions {
  /** The service name: one consumer group per service. */
  groupName: string;
  /** Attempts before a failing message goes to the dead-letter topic (poison goes at once). */
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  fromBeginning?: boolean;
  /** Events per transaction on the batch path (subscribeBatch). Default 500. */
  maxBatchSize?: number;
  /** Bound on start()'s retries of retriable Kafka errors (connect, subscribe, joining the group). Default 60 s. */
  startupTimeoutMs?: number;
}

type Registered =
  | { entry: TopicEntry; handler: EventHandler<DescMessage>; batch?: undefined }
  | { entry: TopicEntry; handler?: undefined; batch: BatchSubscription<DescMessage> };

type MessageContext = { topic: string; partition: number; message: KafkaMessage; heartbeat: () => Promise<void> };

/**
 * One consumer group per service. Each message is decoded by its registry entry and handled; the
 * offset is committed only after the handler resolves. A failing handler is retried with exponential
 * backoff, then the message goes to `<group>.dlt` with its key, headers and the error, so that a
 * poison message never blocks its partition.
 *
 * Two paths. subscribe(): one message at a time (eachMessage); the handler owns its transaction and
 * inbox row. subscribeBatch() (opt-in): kafkajs eachBatch, one transaction per up to `maxBatchSize`
 * events with a multi-row inbox insert, offsets resolved and committed after the commit. A batch that
 * fails is handled again one message at a time, each with the retries and dead-lettering of the
 * per-message path, so a poison message still goes to the dead-letter topic alone. A consumer with
 * any batch subscription runs eachBatch; its per-message topics are handled message by message in it.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, Registered>();
  private consumer?: Consumer;
  private lag?: ConsumerLagGauge;
  private joined = false;
  private crashed?: string;
  /** A crash kafkajs does not restart from (a non-retriable error). */
  private fatalCrash?: unknown;
  private handledCount = 0;
  private deadLetteredCount = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly namespace: TopicNamespace,
    private readonly logger: LoggerPort,
    private readonly options: EventConsumerOptions,
  ) {}

  get groupId(): string {
    return this.namespace.group(this.options.groupName);
  }

  get deadLetterTopic(): string {
    return deadLetterTopicName(this.options.groupName);
  }

  subscribe<Desc extends DescMessage>(entry: TopicEntry<Desc>, handler: EventHandler<Desc>): void {
    if (this.consumer) throw new Error(`subscribe(${entry.name}) after start()`);
    this.handlers.set(this.namespace.topic(entry.name), { entry, handler: handler as EventHandler<DescMessage> });
  }

  /** Opt-in batch path for a topic: see BatchSubscription. */
  subscribeBatch<Desc extends DescMessage>(entry: TopicEntry<Desc>, subscription: BatchSubscription<Desc>): void {
    if (this.consumer) throw new Error(`subscribeBatch(${entry.name}) after start()`);
    this.handlers.set(this.namespace.topic(entry.name), { entry, batch: subscription as unknown as BatchSubscription<DescMessage> });
  }

  get hasSubscriptions(): boolean {
    return this.handlers.size > 0;
  }

  get health() {
    return { joined: this.joined, crashed: this.crashed, handledCount: this.handledCount, deadLetteredCount: this.deadLetteredCount };
  }

  /**
   * Connects, subscribes and joins the group. On a broker that is still settling (topics created a
   * moment ago, leaders being elected) connect and subscribe are retried while the error is one Kafka
   * calls retriable, with a bounded backoff (retryKafkaStartup); kafkajs restarts a consumer whose
   * group join crashed on a retriable error by itself, and start() waits for the join up to the same
   * bound. A non-retriable error, or no join within the bound, rejects with a message that says why.
   */
  async start(): Promise<void> {
    if (!this.hasSubscriptions || this.consumer) return;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { initialRetryTime: 300, retries: 10 },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.crashed = undefined;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.crashed = String(event.payload.error);
      if (!event.payload.restart) this.fatalCrash = event.payload.error;
    });
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    this.lag?.close();
    const lag = (this.lag = new ConsumerLagGauge(this.groupId));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => lag.set(payload.topic, payload.partition, Number(payload.offsetLag)));
    this.consumer = consumer;
    this.fatalCrash = undefined;
    const topics = [...this.handlers.keys()];
    const retry = { timeoutMs: this.options.startupTimeoutMs ?? STARTUP_RETRY_DEFAULTS.timeoutMs, logger: this.logger };
    try {
      await retryKafkaStartup(`consumer group ${this.groupId}: connect`, () => consumer.connect(), retry);
      // A failed subscribe leaves nothing behind (kafkajs drops the topics it could not resolve): safe to repeat.
      await retryKafkaStartup(`consumer group ${this.groupId}: subscribe to ${topics.join(', ')}`,
        () => consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true }), retry);
      if ([...this.handlers.values()].some((r) => r.batch)) {
        // Offsets are resolved by handleBatch only for what finished: a stop or a rebalance mid-batch
        // commits those, and the rest is delivered again (the inbox deduplicates).
        await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: 1, eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) });
      } else {
        await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: 1, eachMessage: (payload) => this.handle(payload) });
      }
      await this.waitUntilJoined(retry.timeoutMs);
    } catch (error) {
      this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** After run(): the group is joined, or kafkajs is restarting it after a retriable crash, or it gave up. */
  private async waitUntilJoined(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; !this.joined; attempt++) {
      if (this.fatalCrash !== undefined) {
        const failure = classifyKafkaError(this.fatalCrash);
        throw new KafkaStartupError(`consumer group ${this.groupId}: joining failed with a non-retriable Kafka error (${failure.kind}: ${failure.message})`, failure, attempt, { cause: this.fatalCrash });
      }
      if (Date.now() >= deadline) {
        throw new KafkaStartupError(`consumer group ${this.groupId} has not joined within ${Math.round(timeoutMs / 1000)} s (last error: ${this.crashed ?? 'none'})`,
          { retriable: true, kind: 'GROUP_JOIN_TIMEOUT', message: this.crashed ?? 'none' }, attempt);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Lets the message in flight finish, commits its offset, leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.disconnect();
    this.joined = false;
    this.lag?.close();
    this.lag = undefined;
  }

  private async handle({ topic, partition, message, heartbeat }: MessageContext | EachMessagePayload): Promise<void> {
    const registered = this.handlers.get(topic);
    await this.withRetries({ topic, partition, message, heartbeat }, async () => {
      if (!registered) throw new Error(`no handler for ${topic}`);
      const event = this.decode(registered.entry, topic, partition, message);
      await this.process(topic, [consumedRecord(event)], () =>
        registered.batch ? this.handleInTransaction(registered.batch, topic, [event]) : registered.handler(event));
    });
  }

  /**
   * Runs `attempt` until it succeeds, retrying with exponential backoff; a poison message, or one
   * still failing after maxAttempts, goes to the dead-letter topic (and counts as done).
   */
  private async withRetries({ topic, partition, message, heartbeat }: MessageContext, attempt: () => Promise<void>): Promise<void> {
    const headers = headersToStrings(message.headers);
    const where = { topic, partition, offset: message.offset, eventId: headers.ce_id };
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let n = 1; ; n++) {
      try {
        await attempt();
        this.handledCount++;
        return;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'poison' || n >= maxAttempts) {
          this.logger.error({ ...where, attempt: n, err: error }, `handler failed (${kind}); sending to ${this.deadLetterTopic}`);
          await this.deadLetter({ topic, partition, message, headers, attempts: n, error });
          return;
        }
        const backoffMs = Math.min((this.options.initialBackoffMs ?? 200) * 2 ** (n - 1), this.options.maxBackoffMs ?? 5_000);
        this.logger.warn({ ...where, attempt: n, backoffMs, err: error }, 'handler failed; retrying');
        await heartbeat();
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  private decode(entry: TopicEntry, topic: string, partition: number, message: KafkaMessage): DecodedEvent {
    const headers = headersToStrings(message.headers);
    const meta = metaFromHeaders(headers);
    return { meta, key: message.key?.toString('utf8') ?? '', message: decodeMessage(entry, meta, message.value), topic, partition, offset: message.offset, headers };
  }

  /**
   * The batch path. Works through the fetched messages in chunks of maxBatchSize; after each chunk its
   * last offset is resolved and committed. Stops between chunks when the consumer stops or the
   * partition is taken away, leaving the rest uncommitted.
   */
  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = batch;
    const registered = this.handlers.get(topic);
    const size = Math.max(1, this.options.maxBatchSize ?? 500);
    for (let i = 0; i < messages.length; ) {
      if (!isRunning() || isStale()) return;
      const chunk = registered?.batch ? messages.slice(i, i + size) : [messages[i]];
      if (registered?.batch) await this.handleChunk(registered.entry, registered.batch, { topic, partition, heartbeat }, chunk);
      else await this.handle({ topic, partition, message: chunk[0], heartbeat });
      resolveOffset(chunk[chunk.length - 1].offset);
      if (registered?.batch) await commitOffsetsIfNecessary(uncommittedOffsets());
      await heartbeat();
      i += chunk.length;
    }
  }

  private async handleChunk(entry: TopicEntry, subscription: BatchSubscription<DescMessage>, at: Omit<MessageContext, 'message'>, messages: KafkaMessage[]): Promise<void> {
    const decoded: Array<{ event: DecodedEvent; message: KafkaMessage }> = [];
    for (const message of messages) {
      try {
        decoded.push({ event: this.decode(entry, at.topic, at.partition, message), message });
      } catch (error) {
        // Undecodable: poison, dead-lettered alone; the rest of the chunk goes on.
        await this.withRetries({ ...at, message }, () => Promise.reject(error));
      }
    }
    let known: ReadonlySet<string> = new Set();
    if (subscription.alreadyHandled && decoded.length > 0) {
      known = await subscription.alreadyHandled(decoded.map((d) => d.event)).catch((error: unknown) => {
        this.logger.warn({ topic: at.topic, partition: at.partition, err: error }, 'batch: the dedup fast path failed; the inbox decides');
        return new Set<string>();
      });
    }
    const todo = decoded.filter((d) => !known.has(d.event.meta.id));
    this.handledCount += decoded.length - todo.length;
    if (todo.length === 0) return;
    try {
      // One span for the batch, linked to every event's creation context.
      await this.process(at.topic, todo.map((d) => consumedRecord(d.event)), () =>
        this.handleInTransaction(subscription, at.topic, todo.map((d) => d.event)));
      this.handledCount += todo.length;
      return;
    } catch (error) {
      this.logger.warn(
        { topic: at.topic, partition: at.partition, firstOffset: todo[0].message.offset, lastOffset: todo[todo.length - 1].message.offset, err: error },
        'batch failed; handling its messages one at a time',
      );
    }
    for (const { event, message } of todo) {
      await this.withRetries({ ...at, message }, () =>
        this.process(at.topic, [consumedRecord(event)], () => this.handleInTransaction(subscription, at.topic, [event])));
    }
  }

  /** One transaction: the inbox rows of all events, then the handler with the new ones; afterCommit once committed. */
  private async handleInTransaction(subscription: BatchSubscription<DescMessage>, topic: string, events: DecodedEvent[]): Promise<void> {
    await subscription.dataSource.transaction(async (em) => {
      const fresh = await markProcessedBatch(em, this.options.groupName, events.map((e) => e.meta.id), topic);
      // In offset order, each id once (a repeat inside the batch is a duplicate too).
      const todo = events.filter((e) => fresh.delete(e.meta.id));
      if (todo.length > 0) await subscription.handle(todo, em);
    });
    if (subscription.afterCommit) {
      await subscription.afterCommit(events).catch((error: unknown) => this.logger.warn({ topic, err: error }, 'batch: afterCommit failed (the events are committed)'));
    }
  }

  /** One handler run in its process span, timed into messaging.process.duration. */
  private async process(topic: string, records: ConsumedRecord[], fn: () => Promise<void>): Promise<void> {
    const at = { topic, logicalTopic: this.namespace.logical(topic), consumerGroup: this.groupId };
    const started = performance.now();
    try {
      await withProcessSpan(at, records, fn);
      recordProcessed(at, records.length, (performance.now() - started) / 1000);
    } catch (error) {
      recordProcessed(at, records.length, (performance.now() - started) / 1000, errorCodeOf(error));
      throw error;
    }
  }

  private async deadLetter(args: { topic: string; partition: number; message: KafkaMessage; headers: Record<string, string>; attempts: number; error: unknown }): Promise<void> {
    const failure = {
      [DeadLetterHeaders.originalTopic]: this.namespace.logical(args.topic),
      [DeadLetterHeaders.originalPartition]: String(args.partition),
      [DeadLetterHeaders.originalOffset]: args.message.offset,
      [DeadLetterHeaders.consumerGroup]: this.groupId,
      [DeadLetterHeaders.attempts]: String(args.attempts),
      [DeadLetterHeaders.errorCode]: errorCodeOf(args.error),
      [DeadLetterHeaders.errorMessage]: String((args.error as Error)?.message ?? args.error).slice(0, 2_000),
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    await this.producer.send({
      topic: this.namespace.topic(this.deadLetterTopic),
      acks: -1,
      messages: [{ key: args.message.key, value: args.message.value, headers: { ...args.headers, ...failure } }],
    });
    this.deadLetteredCount++;
    recordDeadLettered(args.topic, this.groupId, errorCodeOf(args.error));
  }
}

function consumedRecord(event: DecodedEvent): ConsumedRecord {
  return { headers: event.headers, partition: event.partition, offset: event.offset, key: event.key, messageId: event.meta.id };
}
