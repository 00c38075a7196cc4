import type { Kafka, Producer } from 'kafkajs';
import { Topics } from '@hashdesk/contracts';
import { silentLogger } from '../logger.port';
import { KafkaStartupError } from '../retriable-startup';
import { TopicNamespace } from '../topic-namespace';
import { EventConsumer } from './event-consumer';

// The exact error kafkajs raises when a broker answers with `code` (3 UNKNOWN_TOPIC_OR_PARTITION, 5 LEADER_NOT_AVAILABLE, 29 TOPIC_AUTHORIZATION_FAILED).
const { createErrorFromCode: kafkaError } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };

const EVENTS = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash', STOP: 'consumer.stop' };

/** A kafkajs consumer whose connect/subscribe fail as scripted and whose run() joins (or crashes) as scripted. */
function fakeKafka(script: { connect?: Error[]; subscribe?: Error[]; run?: Array<{ crash: Error; restart: boolean } | 'join'> }) {
  const listeners = new Map<string, (event: { payload: Record<string, unknown> }) => void>();
  const consumer = {
    events: EVENTS,
    on: (name: string, listener: (event: { payload: Record<string, unknown> }) => void) => listeners.set(name, listener),
    connect: jest.fn(async () => { const e = script.connect?.shift(); if (e) throw e; }),
    subscribe: jest.fn(async () => { const e = script.subscribe?.shift(); if (e) throw e; }),
    run: jest.fn(async () => {
      // kafkajs: run() resolves after the first join attempt; a crash it may restart from is retried later, on its own.
      const steps = script.run ?? ['join'];
      const emitNext = () => {
        const step = steps.shift();
        if (!step) return;
        if (step === 'join') listeners.get(EVENTS.GROUP_JOIN)?.({ payload: {} });
        else {
          listeners.get(EVENTS.CRASH)?.({ payload: { error: step.crash, restart: step.restart } });
          if (step.restart) setTimeout(emitNext, 20);
        }
      };
      emitNext();
    }),
    disconnect: jest.fn(async () => undefined),
  };
  const kafka = { consumer: () => consumer } as unknown as Kafka;
  return { kafka, consumer };
}

function consumerOver(kafka: Kafka, startupTimeoutMs?: number): EventConsumer {
  const consumer = new EventConsumer(kafka, {} as Producer, new TopicNamespace(''), silentLogger, { groupName: 'valuation', startupTimeoutMs });
  consumer.subscribe(Topics.priceObserved, async () => undefined);
  return consumer;
}

describe('EventConsumer.start on a broker that is still settling', () => {
  it('retries connect and subscribe while they fail with errors Kafka calls retriable, then joins', async () => {
    const { kafka, consumer } = fakeKafka({ connect: [kafkaError(5)], subscribe: [kafkaError(3), kafkaError(5), kafkaError(3)] });
    const events = consumerOver(kafka);
    await events.start();
    expect(consumer.connect).toHaveBeenCalledTimes(2);
    expect(consumer.subscribe).toHaveBeenCalledTimes(4);
    expect(consumer.subscribe).toHaveBeenLastCalledWith({ topics: ['ingest.price.observed.v1'], fromBeginning: true });
    expect(consumer.run).toHaveBeenCalledTimes(1);
    expect(events.health.joined).toBe(true);
  });

  it('fails at once on a non-retriable subscribe error, naming the group, the topics and the Kafka error', async () => {
    const { kafka, consumer } = fakeKafka({ subscribe: [kafkaError(29)] });
    const start = consumerOver(kafka).start();
    await expect(start).rejects.toThrow(KafkaStartupError);
    await expect(start).rejects.toThrow(/^consumer group valuation: subscribe to ingest\.price\.observed\.v1 failed with a non-retriable Kafka error \(TOPIC_AUTHORIZATION_FAILED: /);
    expect(consumer.subscribe).toHaveBeenCalledTimes(1);
    expect(consumer.run).not.toHaveBeenCalled();
    expect(consumer.disconnect).toHaveBeenCalled();
  });

  it('waits while kafkajs restarts a join that crashed on a retriable error', async () => {
    const { kafka } = fakeKafka({ run: [{ crash: kafkaError(3), restart: true }, { crash: kafkaError(5), restart: true }, 'join'] });
    const events = consumerOver(kafka);
    await events.start();
    expect(events.health).toEqual(expect.objectContaining({ joined: true, crashed: undefined }));
  });

  it('fails when the join crashed and kafkajs will not restart it', async () => {
    const { kafka, consumer } = fakeKafka({ run: [{ crash: kafkaError(29), restart: false }] });
    await expect(consumerOver(kafka).start()).rejects.toThrow(
      /^consumer group valuation: joining failed with a non-retriable Kafka error \(TOPIC_AUTHORIZATION_FAILED: /);
    expect(consumer.disconnect).toHaveBeenCalled();
  });

  it('gives up, bounded, when retriable errors never stop', async () => {
    const { kafka } = fakeKafka({ subscribe: Array.from({ length: 100 }, () => kafkaError(3)) });
    await expect(consumerOver(kafka, 500).start()).rejects.toThrow(
      /^consumer group valuation: subscribe to ingest\.price\.observed\.v1 still failing after \d+ attempts over 1 s with a retriable Kafka error \(UNKNOWN_TOPIC_OR_PARTITION: /);
  });
});
