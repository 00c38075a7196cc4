// The EventConsumer's opt-in batch path (subscribeBatch) against the real broker and PostgreSQL: one
// transaction per batch with a multi-row inbox insert, offsets committed after it, at-least-once with
// no duplicate effect, a failing batch handled again one message at a time (retries, then the
// dead-letter topic for a poison message alone), and a graceful stop that commits what finished.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource, EntityManager } from 'typeorm';
import { BtcPriceObservedSchema, DeadLetterHeaders, deadLetterTopicName, Topics } from '@hashdesk/contracts';
import { createServiceDataSource } from '@hashdesk/persistence';
import { committedToEnd, createTestDatabase, requiredEnv, uniqueNamespace, type TestDatabase } from '@hashdesk/testing';
import {
  createIdempotentProducer, createKafka, encodeMessage, ensureTopics, EventConsumer, metaToHeaders, MessagingTables1732400000000, OutboxEventEntity,
  PoisonMessageError, ProcessedMessageEntity, silentLogger, specOf, TopicNamespace, TopicProbe, type BatchSubscription, type DecodedEvent, type Kafka,
  type Producer,
} from '@hashdesk/messaging';

type Price = typeof BtcPriceObservedSchema;

describe('messaging: the batch path over the real broker', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let namespace: TopicNamespace;
  const consumers: EventConsumer[] = [];
  const probes: Array<TopicProbe<never>> = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'public', entities: [OutboxEventEntity, ProcessedMessageEntity], migrations: [MessagingTables1732400000000] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    // The handler's effect: one row per call for an event, no unique key, so a second effect would show.
    await dataSource.query('CREATE TABLE effect (id serial PRIMARY KEY, event_id text NOT NULL, observation_id text NOT NULL)');
    kafka = createKafka({ brokers: requiredEnv('KAFKA_BROKERS').split(','), clientId: 'messaging-batch-it', logger: silentLogger });
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    namespace = new TopicNamespace(uniqueNamespace('msgb'));
    await ensureTopics(kafka, namespace, [{ ...specOf(Topics.priceObserved), partitions: 1 }, { name: deadLetterTopicName('svc'), partitions: 1, cleanupPolicy: 'delete' }]);
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await Promise.all(probes.splice(0).map((p) => p.stop()));
    await producer.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  /** Publishes prices straight onto the topic; `id` repeats an event id (a redelivered copy). */
  async function send(...items: Array<{ id: string; observationId: string; priceUsd?: number }>): Promise<void> {
    await producer.send({
      topic: namespace.topic(Topics.priceObserved.name),
      acks: -1,
      messages: items.map(({ id, observationId, priceUsd = 100 }) => ({
        key: 'BTC-USD',
        value: encodeMessage(Topics.priceObserved, create(BtcPriceObservedSchema, {
          observationId, pair: 'BTC-USD', priceUsd, source: 'test', eventTime: timestampFromDate(new Date('2025-11-03T00:00:00Z')), learnedTime: timestampFromDate(new Date()),
        })),
        headers: metaToHeaders({ id, type: BtcPriceObservedSchema.typeName, source: 'messaging-batch-it', time: new Date('2025-11-03T00:00:00Z') }),
      })),
    });
  }

  const prices = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `evt-${from + i}`, observationId: `obs-${from + i}` }));

  /** A batch consumer whose handler writes one effect row per event it is given, and records each call. */
  function batchConsumer(options: { maxAttempts?: number; maxBatchSize?: number; before?: (events: Array<DecodedEvent<Price>>) => Promise<void> } = {}) {
    const calls: string[][] = [];
    const committed: string[][] = [];
    const c = new EventConsumer(kafka, producer, namespace, silentLogger, {
      groupName: 'svc', maxAttempts: options.maxAttempts ?? 3, initialBackoffMs: 20, maxBackoffMs: 100, maxBatchSize: options.maxBatchSize,
    });
    const subscription: BatchSubscription<Price> = {
      dataSource,
      handle: async (events, em: EntityManager) => {
        calls.push(events.map((e) => e.meta.id));
        await em.query('INSERT INTO effect (event_id, observation_id) SELECT * FROM unnest($1::text[], $2::text[])', [events.map((e) => e.meta.id), events.map((e) => e.message.observationId)]);
        await options.before?.(events);
      },
      afterCommit: async (events) => void committed.push(events.map((e) => e.meta.id)),
    };
    c.subscribeBatch(Topics.priceObserved, subscription);
    consumers.push(c);
    return { consumer: c, calls, committed };
  }

  const effects = async () => (await dataSource.query(`SELECT event_id, count(*)::int AS n FROM effect GROUP BY event_id ORDER BY event_id`)) as Array<{ event_id: string; n: number }>;
  const effectCount = async () => Number((await dataSource.query('SELECT count(*) AS n FROM effect'))[0].n);
  const inboxCount = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM processed_message WHERE consumer_group = 'svc'`))[0].n);

  async function deadLetters(count: number): Promise<TopicProbe<never>> {
    const probe = new TopicProbe<never>(kafka, namespace, { name: deadLetterTopicName('svc') });
    probes.push(probe);
    await probe.start();
    await probe.waitForRaw(count);
    return probe;
  }

  it('handles a backlog in batches, one inbox row and one effect per event, a repeated event id once', async () => {
    await send(...prices(30), { id: 'evt-3', observationId: 'obs-3-again' }, { id: 'evt-7', observationId: 'obs-7-again' });
    const { consumer, calls } = batchConsumer();
    await consumer.start();
    await eventually(() => effectCount(), (n) => n >= 30);
    await eventually(() => Promise.resolve(consumer.health.handledCount), (n) => n === 32);

    expect(await effects()).toEqual(prices(30).map((p) => ({ event_id: p.id, n: 1 })).sort((a, b) => a.event_id.localeCompare(b.event_id)));
    expect(await inboxCount()).toBe(30);
    // More than one event per transaction: the backlog was there before the consumer started.
    expect(Math.max(...calls.map((c) => c.length))).toBeGreaterThan(1);
    // The handler sees each id once, in offset order.
    expect(calls.flat()).toEqual(prices(30).map((p) => p.id));
    // The first copy wins: the repeats inside the batch never reached the handler.
    expect((await dataSource.query(`SELECT observation_id FROM effect WHERE event_id IN ('evt-3', 'evt-7') ORDER BY event_id`)).map((r: { observation_id: string }) => r.observation_id)).toEqual(['obs-3', 'obs-7']);
  });

  it('a batch that fails is handled again one message at a time, with retries, each effect once', async () => {
    await send(...prices(5));
    let failures = 0;
    const { consumer, calls } = batchConsumer({
      maxAttempts: 3,
      before: async () => {
        if (failures < 2) {
          failures++;
          throw new Error('database briefly unavailable');
        }
      },
    });
    await consumer.start();
    await eventually(() => Promise.resolve(consumer.health.handledCount), (n) => n === 5);
    expect(await effects()).toEqual(prices(5).map((p) => ({ event_id: p.id, n: 1 })));
    expect(await inboxCount()).toBe(5);
    expect(consumer.health.deadLetteredCount).toBe(0);
    // The failed batch call and the failed first single call rolled back; the rest went one by one.
    expect(calls.filter((c) => c.length > 1).length).toBeGreaterThanOrEqual(1);
    expect(calls.slice(-5)).toEqual(prices(5).map((p) => [p.id]));
  });

  it('sends a poison message in a batch to the dead-letter topic alone, with its provenance, and handles the others once', async () => {
    await send(...prices(3), { id: 'evt-poison', observationId: 'poison', priceUsd: -1 }, ...prices(3, 3));
    let poisonSeen = 0;
    const { consumer } = batchConsumer({
      maxAttempts: 5,
      before: async (events) => {
        if (events.some((e) => e.message.priceUsd < 0)) {
          poisonSeen++;
          throw new PoisonMessageError('NEGATIVE_PRICE', 'priceUsd must be positive');
        }
      },
    });
    await consumer.start();
    const dlt = await deadLetters(1);
    await eventually(() => Promise.resolve(consumer.health.handledCount), (n) => n === 6);

    expect(await effects()).toEqual(prices(6).map((p) => ({ event_id: p.id, n: 1 })));
    expect(consumer.health.deadLetteredCount).toBe(1);
    expect(dlt.raw).toHaveLength(1);
    expect(dlt.raw[0].key).toBe('BTC-USD');
    expect(dlt.raw[0].headers).toMatchObject({
      ce_id: 'evt-poison',
      [DeadLetterHeaders.errorCode]: 'NEGATIVE_PRICE',
      [DeadLetterHeaders.attempts]: '1',
      [DeadLetterHeaders.originalOffset]: '3',
      [DeadLetterHeaders.consumerGroup]: namespace.group('svc'),
    });
    // Poison is not retried: once in the batch, once alone.
    expect(poisonSeen).toBe(2);
    // Nothing of the poison committed: it is in neither the inbox nor the effects.
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM processed_message WHERE message_id = 'evt-poison'`))[0].n)).toBe(0);
  });

  it('dead-letters bytes that do not decode alone and handles the rest of the batch', async () => {
    await send(...prices(2));
    await producer.send({ topic: namespace.topic(Topics.priceObserved.name), acks: -1, messages: [{ key: 'BTC-USD', value: Buffer.from([0xff, 0xff, 0xff]), headers: metaToHeaders({ id: 'garbage', type: BtcPriceObservedSchema.typeName, source: 'x', time: new Date() }) }] });
    await send(...prices(2, 2));
    const { consumer } = batchConsumer();
    await consumer.start();
    const dlt = await deadLetters(1);
    await eventually(() => effectCount(), (n) => n === 4);
    expect(dlt.raw[0].headers).toMatchObject({ ce_id: 'garbage', [DeadLetterHeaders.errorCode]: 'UNDECODABLE_PAYLOAD', [DeadLetterHeaders.attempts]: '1' });
    expect(await effects()).toEqual(prices(4).map((p) => ({ event_id: p.id, n: 1 })));
  });

  it('redelivered after the offsets are lost (a crash after the commit), a batch changes nothing twice', async () => {
    await send(...prices(12));
    const first = batchConsumer();
    await first.consumer.start();
    await eventually(() => effectCount(), (n) => n === 12);
    await first.consumer.stop();
    consumers.splice(0);

    // As if the process died between the database commit and the offset commit: the group starts over.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId: namespace.group('svc'), topic: namespace.topic(Topics.priceObserved.name), earliest: true });
    } finally {
      await admin.disconnect();
    }
    await send(...prices(1, 12));
    const second = batchConsumer();
    await second.consumer.start();
    await eventually(() => Promise.resolve(second.consumer.health.handledCount), (n) => n === 13);

    // All 13 were read again, but the inbox passed only the new one to the handler.
    expect(second.calls.flat()).toEqual(['evt-12']);
    expect(await effects()).toEqual(prices(13).map((p) => ({ event_id: p.id, n: 1 })).sort((a, b) => a.event_id.localeCompare(b.event_id)));
    expect(await inboxCount()).toBe(13);
  });

  it('on stop, finishes the batch in flight and commits it; the rest is handled after a restart, each once', async () => {
    await send(...prices(6));
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inFirstBatch = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = batchConsumer({
      maxBatchSize: 2,
      before: async () => {
        entered();
        await gate;
      },
    });
    void first.consumer.start();
    await inFirstBatch;
    const stopping = first.consumer.stop(); // SIGTERM while the first batch of two is in its transaction
    setTimeout(release, 300);
    await stopping;
    consumers.splice(0);
    expect(first.committed).toEqual([['evt-0', 'evt-1']]);
    expect(await effectCount()).toBe(2);

    const second = batchConsumer({ maxBatchSize: 2 });
    await second.consumer.start();
    await eventually(() => effectCount(), (n) => n === 6);
    await committedToEnd(kafka, namespace.group('svc'), namespace.topic(Topics.priceObserved.name)); // nothing is read again after this
    // The committed batch is not read again; the others are handled once.
    expect(second.calls.flat()).toEqual(['evt-2', 'evt-3', 'evt-4', 'evt-5']);
    expect(await effects()).toEqual(prices(6).map((p) => ({ event_id: p.id, n: 1 })));
  });
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
