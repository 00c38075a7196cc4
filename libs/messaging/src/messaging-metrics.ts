import { metrics, type Attributes, type ObservableResult } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import {
  ATTR_MESSAGING_CONSUMER_GROUP_NAME, ATTR_MESSAGING_DESTINATION_NAME, ATTR_MESSAGING_DESTINATION_PARTITION_ID, ATTR_MESSAGING_SYSTEM,
  MESSAGING_SYSTEM_VALUE_KAFKA,
} from './messaging-semconv';

/**
 * The messaging library's metrics, through the global MeterProvider (a no-op until a service's
 * telemetry registers one, so tests and tools pay nothing). Names follow the messaging semantic
 * conventions where they define one (`messaging.process.duration`, `messaging.client.consumed.messages`);
 * the rest are hashdesk's (`hashdesk.messaging.*`).
 */
const meter = () => metrics.getMeter('@hashdesk/messaging');

let instruments: ReturnType<typeof create> | undefined;
function create() {
  const m = meter();
  return {
    processDuration: m.createHistogram('messaging.process.duration', { unit: 's', description: 'Duration of a handler run (one message or one batch), retries counted one by one' }),
    consumed: m.createCounter('messaging.client.consumed.messages', { unit: '{message}', description: 'Messages handed to a handler' }),
    batchSize: m.createHistogram('hashdesk.messaging.batch.size', { unit: '{message}', description: 'Messages per handler run', advice: { explicitBucketBoundaries: [1, 2, 5, 10, 25, 50, 100, 250, 500] } }),
    deadLettered: m.createCounter('hashdesk.messaging.dead_lettered', { unit: '{message}', description: 'Messages sent to the dead-letter topic' }),
    relayLatency: m.createHistogram('hashdesk.outbox.relay.latency', { unit: 's', description: 'From an outbox row\'s commit to its publish' }),
  };
}
const get = () => (instruments ??= create());

function consumerAttributes(topic: string, group: string, partition?: number): Attributes {
  const attributes: Attributes = { [ATTR_MESSAGING_SYSTEM]: MESSAGING_SYSTEM_VALUE_KAFKA, [ATTR_MESSAGING_DESTINATION_NAME]: topic, [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: group };
  if (partition !== undefined) attributes[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = String(partition);
  return attributes;
}

export function recordProcessed(at: { topic: string; consumerGroup: string }, messages: number, seconds: number, errorType?: string): void {
  const attributes = consumerAttributes(at.topic, at.consumerGroup);
  get().processDuration.record(seconds, errorType ? { ...attributes, [ATTR_ERROR_TYPE]: errorType } : attributes);
  get().consumed.add(messages, attributes);
  get().batchSize.record(messages, attributes);
}

export function recordDeadLettered(topic: string, group: string, errorCode: string): void {
  get().deadLettered.add(1, { ...consumerAttributes(topic, group), [ATTR_ERROR_TYPE]: errorCode });
}

export function recordRelayLatency(seconds: number[]): void {
  for (const s of seconds) get().relayLatency.record(Math.max(0, s));
}

/** Per group, topic and partition: the lag kafkajs reports after each fetched batch (high watermark − last offset − 1). */
export class ConsumerLagGauge {
  private readonly lag = new Map<string, { attributes: Attributes; value: number }>();
  private readonly gauge = meter().createObservableGauge('hashdesk.messaging.consumer.lag', { unit: '{message}', description: 'Messages behind the partition\'s end, per consumer group and partition' });
  private readonly callback = (result: ObservableResult) => this.lag.forEach(({ attributes, value }) => result.observe(value, attributes));

  constructor(private readonly group: string) {
    this.gauge.addCallback(this.callback);
  }

  set(topic: string, partition: number, lag: number): void {
    this.lag.set(`${topic}/${partition}`, { attributes: consumerAttributes(topic, this.group, partition), value: lag });
  }

  close(): void {
    this.gauge.removeCallback(this.callback);
    this.lag.clear();
  }
}

/** The outbox rows not yet published, read when the metrics are collected. */
export function observeOutboxBacklog(count: () => Promise<number>): () => void {
  const gauge = meter().createObservableGauge('hashdesk.outbox.backlog', { unit: '{row}', description: 'Outbox rows not yet published' });
  const callback = async (result: ObservableResult) => {
    try {
      result.observe(await count());
    } catch {
      // An unreadable database shows as a gap in the series, not as a false zero.
    }
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}
