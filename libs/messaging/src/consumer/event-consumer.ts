import type { DescMessage } from '@bufbuild/protobuf';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { deadLetterTopicName, DeadLetterHeaders, type TopicEntry } from '@hashdesk/contracts';
import { decodeMessage, headersToStrings, metaFromHeaders, type DecodedEvent } from '../event-envelope';
import type { LoggerPort } from '../logger.port';
import type { TopicNamespace } from '../topic-namespace';
import { withSpanFromHeaders } from '../trace-context';
import { classifyFailure, errorCodeOf } from './handler-error';

export type EventHandler<Desc extends DescMessage> = (event: DecodedEvent<Desc>) => Promise<void>;

export interface EventConsumerOptions {
  /** The service name: one consumer group per service. */
  groupName: string;
  /** Attempts before a failing message goes to the dead-letter topic (poison goes at once). */
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  fromBeginning?: boolean;
}

/**
 * One consumer group per service. Each message is decoded by its registry entry and handled; the
 * offset is committed only after the handler resolves. A failing handler is retried with exponential
 * backoff, then the message goes to `<group>.dlt` with its key, headers and the error, so that a
 * poison message never blocks its partition.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, { entry: TopicEntry; handler: EventHandler<DescMessage> }>();
  private consumer?: Consumer;
  private joined = false;
  private crashed?: string;
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

  get hasSubscriptions(): boolean {
    return this.handlers.size > 0;
  }

  get health() {
    return { joined: this.joined, crashed: this.crashed, handledCount: this.handledCount, deadLetteredCount: this.deadLetteredCount };
  }

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
    });
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.handlers.keys()], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: 1, eachMessage: (payload) => this.handle(payload) });
  }

  /** Lets the message in flight finish, commits its offset, leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.disconnect();
    this.joined = false;
  }

  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const registered = this.handlers.get(topic);
    const headers = headersToStrings(message.headers);
    const where = { topic, partition, offset: message.offset, eventId: headers.ce_id };
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!registered) throw new Error(`no handler for ${topic}`);
        const meta = metaFromHeaders(headers);
        const event: DecodedEvent = {
          meta,
          key: message.key?.toString('utf8') ?? '',
          message: decodeMessage(registered.entry, meta, message.value),
          topic,
          partition,
          offset: message.offset,
          headers,
        };
        await withSpanFromHeaders(`${topic} process`, headers, { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': meta.id }, () => registered.handler(event));
        this.handledCount++;
        return;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'poison' || attempt >= maxAttempts) {
          this.logger.error({ ...where, attempt, err: error }, `handler failed (${kind}); sending to ${this.deadLetterTopic}`);
          await this.deadLetter({ topic, partition, message, headers, attempts: attempt, error });
          return;
        }
        const backoffMs = Math.min((this.options.initialBackoffMs ?? 200) * 2 ** (attempt - 1), this.options.maxBackoffMs ?? 5_000);
        this.logger.warn({ ...where, attempt, backoffMs, err: error }, 'handler failed; retrying');
        await heartbeat();
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  private async deadLetter(args: { topic: string; partition: number; message: EachMessagePayload['message']; headers: Record<string, string>; attempts: number; error: unknown }): Promise<void> {
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
  }
}
