// libs/messaging against the real broker and PostgreSQL: the outbox publishes typed events with
// CloudEvents headers, failures are retried then dead-lettered with their provenance, a poison message
// never blocks its partition, and a graceful stop commits what was handled.
import { create, type MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import { BtcPriceObservedSchema, DeadLetterHeaders, deadLetterTopicName, Topics } from '@hashdesk/contracts';
import { createServiceDataSource } from '@hashdesk/persistence';
import { committedToEnd, createTestDatabase, requiredEnv, uniqueNamespace, type TestDatabase } from '@hashdesk/testing';
import {
  createIdempotentProducer, createKafka, ensureTopics, EventConsumer, MessagingTables1732400000000, OutboxEventEntity, OutboxRelay,
  OutboxWriter, PoisonMessageError, ProcessedMessageEntity, silentLogger, specOf, TopicNamespace, TopicProbe, traceIdOf,
  type DecodedEvent, type Kafka, type Producer,
} from '@hashdesk/messaging';

type Price = typeof BtcPriceObservedSchema;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const price = (observationId: string, priceUsd: number): MessageShape<Price> =>
  create(BtcPriceObservedSchema, {
    observationId, pair: 'BTC-USD', priceUsd, source: 'test',
    eventTime: timestampFromDate(new Date('2025-11-03T00:00:00Z')), learnedTime: timestampFromDate(new Date()),
  });

describe('messaging over the real broker', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let namespace: TopicNamespace;
  let relay: OutboxRelay;
  const consumers: EventConsumer[] = [];
  const probes: Array<TopicProbe<never>> = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'public', entities: [OutboxEventEntity, ProcessedMessageEntity], migrations: [MessagingTables1732400000000] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    kafka = createKafka({ brokers: requiredEnv('KAFKA_BROKERS').split(','), clientId: 'messaging-it', logger: silentLogger });
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    namespace = new TopicNamespace(uniqueNamespace('msg'));
    // One partition, so "the next message on the same partition" is well defined.
    await ensureTopics(kafka, namespace, [{ ...specOf(Topics.priceObserved), partitions: 1 }, { name: deadLetterTopicName('svc'), partitions: 1, cleanupPolicy: 'delete' }]);
    relay = new OutboxRelay(dataSource, producer, namespace, silentLogger, { pollIntervalMs: 50 });
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await Promise.all(probes.splice(0).map((p) => p.stop()));
    await producer.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  async function publish(...messages: Array<MessageShape<Price>>): Promise<string[]> {
    const writer = new OutboxWriter('messaging-it');
    const metas = await dataSource.transaction((em) =>
      writer.add(em, ...messages.map((message) => ({ entry: Topics.priceObserved, message, eventTime: new Date('2025-11-03T00:00:00Z'), traceparent: TRACEPARENT }))),
    );
    expect(await relay.drain()).toBe(messages.length);
    return metas.map((m) => m.id);
  }

  function consumer(handler: (event: DecodedEvent<Price>) => Promise<void>, maxAttempts = 3): EventConsumer {
    const c = new EventConsumer(kafka, producer, namespace, silentLogger, { groupName: 'svc', maxAttempts, initialBackoffMs: 20, maxBackoffMs: 100 });
    c.subscribe(Topics.priceObserved, handler);
    consumers.push(c);
    return c;
  }

  async function deadLetters(count: number): Promise<TopicProbe<never>> {
    const probe = new TopicProbe<never>(kafka, namespace, { name: deadLetterTopicName('svc') });
    probes.push(probe);
    await probe.start();
    await probe.waitForRaw(count);
    return probe;
  }

  it('publishes through the outbox with the registry key, CloudEvents headers and traceparent, once', async () => {
    const [id] = await publish(price('obs-1', 91_000.5));
    expect(await relay.drain()).toBe(0); // already marked published: a second drain sends nothing

    const received: Array<DecodedEvent<Price>> = [];
    await consumer(async (e) => void received.push(e)).start();
    await eventuallyLength(received, 1);

    const [event] = received;
    expect(event.key).toBe('BTC-USD');
    expect(event.message.priceUsd).toBe(91_000.5);
    expect(event.headers).toMatchObject({ ce_id: id, ce_type: 'hashdesk.v1.BtcPriceObserved', ce_source: 'messaging-it', ce_time: '2025-11-03T00:00:00.000Z', traceparent: TRACEPARENT });
    expect(traceIdOf(event.headers.traceparent)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('retries a failing handler with backoff and handles the message once it succeeds', async () => {
    await publish(price('obs-1', 1));
    let attempts = 0;
    const handled: string[] = [];
    const c = consumer(async (e) => {
      attempts++;
      if (attempts < 3) throw new Error('database briefly unavailable');
      handled.push(e.message.observationId);
    }, 5);
    await c.start();
    await eventuallyLength(handled, 1);
    expect(attempts).toBe(3);
    expect(c.health.deadLetteredCount).toBe(0);
  });

  it('dead-letters after the last attempt with key, headers and provenance, and the next message is still handled', async () => {
    const [failingId] = await publish(price('always-fails', 1), price('fine', 2));
    const handled: string[] = [];
    let failures = 0;
    await consumer(async (e) => {
      if (e.message.observationId === 'always-fails') {
        failures++;
        throw new Error('downstream says no');
      }
      handled.push(e.message.observationId);
    }, 3).start();

    await eventuallyLength(handled, 1);
    expect(handled).toEqual(['fine']);
    expect(failures).toBe(3);
    const dlt = await deadLetters(1);
    const [letter] = dlt.raw;
    expect(letter.key).toBe('BTC-USD');
    expect(letter.headers).toMatchObject({
      ce_id: failingId, traceparent: TRACEPARENT,
      [DeadLetterHeaders.originalTopic]: Topics.priceObserved.name,
      [DeadLetterHeaders.originalPartition]: '0',
      [DeadLetterHeaders.originalOffset]: '0',
      [DeadLetterHeaders.consumerGroup]: namespace.group('svc'),
      [DeadLetterHeaders.attempts]: '3',
      [DeadLetterHeaders.errorMessage]: 'downstream says no',
    });
  });

  it('sends a poison message to the dead-letter topic at once, without retries, and moves on', async () => {
    await publish(price('poison', -1), price('after-poison', 3));
    let poisonAttempts = 0;
    const handled: string[] = [];
    await consumer(async (e) => {
      if (e.message.priceUsd < 0) {
        poisonAttempts++;
        throw new PoisonMessageError('NEGATIVE_PRICE', 'priceUsd must be positive');
      }
      handled.push(e.message.observationId);
    }, 5).start();
    await eventuallyLength(handled, 1);
    expect(poisonAttempts).toBe(1);
    const dlt = await deadLetters(1);
    expect(dlt.raw[0].headers[DeadLetterHeaders.errorCode]).toBe('NEGATIVE_PRICE');
    expect(dlt.raw[0].headers[DeadLetterHeaders.attempts]).toBe('1');
  });

  it('dead-letters bytes that do not decode as the registered message', async () => {
    await producer.send({ topic: namespace.topic(Topics.priceObserved.name), acks: -1, messages: [{ key: 'BTC-USD', value: Buffer.from([0xff, 0xff, 0xff]), headers: { ce_id: 'garbage', ce_type: 'hashdesk.v1.BtcPriceObserved', ce_source: 'x', ce_time: new Date().toISOString(), ce_specversion: '1.0' } }] });
    await publish(price('valid', 4));
    const handled: string[] = [];
    await consumer(async (e) => void handled.push(e.message.observationId), 5).start();
    await eventuallyLength(handled, 1);
    expect(handled).toEqual(['valid']);
    const dlt = await deadLetters(1);
    expect(dlt.raw[0].headers.ce_id).toBe('garbage');
    expect(dlt.raw[0].headers[DeadLetterHeaders.attempts]).toBe('1');
  });

  it('on stop, finishes the message in flight and commits it: the group does not see it again', async () => {
    await publish(price('slow', 5));
    const handled: string[] = [];
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      const first = consumer(async (e) => {
        resolve();
        await new Promise<void>((r) => (release = r));
        handled.push(e.message.observationId);
      });
      void first.start();
    });
    await started;
    const stopping = consumers[0].stop(); // SIGTERM path: stop while the handler is still running
    setTimeout(() => release(), 300);
    await stopping;
    expect(handled).toEqual(['slow']);

    // The same group, restarted, starts after the committed offset: a new message is the only one it sees.
    consumers.splice(0, 1);
    await publish(price('next', 6));
    const second: string[] = [];
    await consumer(async (e) => void second.push(e.message.observationId)).start();
    await eventuallyLength(second, 1);
    await committedToEnd(kafka, namespace.group('svc'), namespace.topic(Topics.priceObserved.name)); // nothing older is read after this
    expect(second).toEqual(['next']);
  });
});

async function eventuallyLength(items: unknown[], n: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (items.length < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} items within ${timeoutMs} ms, got ${items.length}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
