import { KafkaJSAggregateError, KafkaJSConnectionError, type ITopicMetadata, type Kafka } from 'kafkajs';
import { KafkaStartupError } from './retriable-startup';
import { ensureTopics, leaderProblem, waitForTopicLeaders, type TopicSpec } from './topic-admin';
import { TopicNamespace } from './topic-namespace';

// The exact error kafkajs raises when a broker answers with `code` (3 UNKNOWN_TOPIC_OR_PARTITION, 5 LEADER_NOT_AVAILABLE, 36 TOPIC_ALREADY_EXISTS, 38 INVALID_REPLICATION_FACTOR).
const { createErrorFromCode: kafkaError } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };

const partition = (partitionId: number, leader: number) => ({ partitionErrorCode: 0, partitionId, leader, replicas: [1], isr: leader < 0 ? [] : [1] });
const topicWith = (name: string, leaders: number[]): ITopicMetadata => ({ name, partitions: leaders.map((leader, i) => partition(i, leader)) });

/**
 * A broker as the admin client sees it, topic by topic: each fetchTopicMetadata of a topic takes the
 * next answer of its script (an error to throw, or the leaders of its partitions); the last one repeats.
 */
class FakeBroker {
  readonly created: Array<{ topic: string; numPartitions?: number; configEntries?: unknown }> = [];
  readonly calls: string[] = [];
  connectFailures: Error[] = [];
  createError?: Error;
  private readonly scripts = new Map<string, Array<Error | number[]>>();

  constructor(readonly existing: string[] = []) {}

  script(topic: string, ...answers: Array<Error | number[]>): this {
    this.scripts.set(topic, answers);
    return this;
  }

  kafka(): Kafka {
    return { admin: () => this.admin() } as unknown as Kafka;
  }

  private admin() {
    return {
      connect: async () => {
        this.calls.push('connect');
        const failure = this.connectFailures.shift();
        if (failure) throw failure;
      },
      disconnect: async () => void this.calls.push('disconnect'),
      listTopics: async () => [...this.existing],
      createTopics: async ({ topics, waitForLeaders }: { topics: Array<{ topic: string }>; waitForLeaders: boolean }) => {
        this.calls.push(`createTopics(waitForLeaders=${waitForLeaders})`);
        if (this.createError) throw this.createError;
        this.created.push(...topics);
        return true;
      },
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        const [topic] = topics;
        const script = this.scripts.get(topic) ?? [[1]];
        const answer = (script.length > 1 ? script.shift() : undefined) ?? script[0];
        this.calls.push(`metadata(${topic})`);
        if (answer instanceof Error) throw answer;
        return { topics: [topicWith(topic, answer)] };
      },
    };
  }
}

const ns = new TopicNamespace('');
const specs: TopicSpec[] = [
  { name: 'ingest.price.observed.v1', partitions: 3, cleanupPolicy: 'delete' },
  { name: 'valuation.hashprice.latest.v1', partitions: 1, cleanupPolicy: 'compact' },
];

describe('leaderProblem', () => {
  it('is undefined only when every partition has a leader', () => {
    expect(leaderProblem(topicWith('a', [1, 1, 1]))).toBeUndefined();
    expect(leaderProblem(topicWith('a', [1, -1, -1]))).toBe('no leader for partitions 1, 2');
    expect(leaderProblem(topicWith('a', [-1]))).toBe('no leader for partition 0');
    expect(leaderProblem({ name: 'a', partitions: [{ ...partition(0, 1), partitionErrorCode: 5 }] })).toBe('no leader for partition 0');
    expect(leaderProblem(topicWith('a', []))).toBe('no partitions in the metadata');
    expect(leaderProblem(undefined)).toBe('not in the metadata');
  });
});

describe('ensureTopics', () => {
  it('on a fresh broker creates the missing topics with their partitions and cleanup policy, then waits until each has its leaders', async () => {
    const broker = new FakeBroker()
      .script('ingest.price.observed.v1', kafkaError(3), kafkaError(5), [1, -1, 1], [1, 1, 1])
      .script('valuation.hashprice.latest.v1', kafkaError(3), [1]);
    await ensureTopics(broker.kafka(), ns, specs);
    expect(broker.created).toEqual([
      { topic: 'ingest.price.observed.v1', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] },
      { topic: 'valuation.hashprice.latest.v1', numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ]);
    expect(broker.calls.filter((c) => c === 'metadata(ingest.price.observed.v1)')).toHaveLength(4);
    expect(broker.calls.filter((c) => c === 'metadata(valuation.hashprice.latest.v1)')).toHaveLength(2);
    expect(broker.calls.at(-1)).toBe('disconnect');
  });

  it('waits for the leaders of a topic another service created a moment ago, though it creates nothing itself', async () => {
    const broker = new FakeBroker(specs.map((s) => s.name))
      .script('ingest.price.observed.v1', kafkaError(5), [-1, -1, -1], [1, 1, 1]);
    await ensureTopics(broker.kafka(), ns, specs);
    expect(broker.calls).not.toContain('createTopics(waitForLeaders=false)');
    expect(broker.calls.filter((c) => c === 'metadata(ingest.price.observed.v1)')).toHaveLength(3);
  });

  it('when some topics were created concurrently (TOPIC_ALREADY_EXISTS) still waits for the leaders of all', async () => {
    const broker = new FakeBroker().script('valuation.hashprice.latest.v1', kafkaError(3), kafkaError(3), [1]);
    broker.createError = new KafkaJSAggregateError('Topic creation errors', [kafkaError(36)]);
    await ensureTopics(broker.kafka(), ns, specs);
    expect(broker.calls.filter((c) => c === 'metadata(valuation.hashprice.latest.v1)')).toHaveLength(3);
  });

  it('fails naming the topic that never gets a leader', async () => {
    const broker = new FakeBroker().script('valuation.hashprice.latest.v1', [-1]);
    const failure = ensureTopics(broker.kafka(), ns, specs, { leaderTimeoutMs: 300 });
    await expect(failure).rejects.toThrow(KafkaStartupError);
    await expect(failure).rejects.toThrow(/^topic without a leader for every partition after 0 s: valuation\.hashprice\.latest\.v1 \(no leader for partition 0\)$/);
    expect(broker.calls.at(-1)).toBe('disconnect');
  });

  it('fails at once on a non-retriable creation error, naming the topics and the Kafka error', async () => {
    const broker = new FakeBroker();
    broker.createError = new KafkaJSAggregateError('Topic creation errors', [kafkaError(38)]);
    await expect(ensureTopics(broker.kafka(), ns, specs)).rejects.toThrow(
      /^create topics ingest\.price\.observed\.v1, valuation\.hashprice\.latest\.v1 failed with a non-retriable Kafka error \(INVALID_REPLICATION_FACTOR: /);
    expect(broker.calls.filter((c) => c === 'connect')).toHaveLength(1);
  });

  it('retries while the broker does not answer yet, and after the bound says what to check', async () => {
    const refused = () => new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    const broker = new FakeBroker();
    broker.connectFailures = [refused(), refused()];
    await ensureTopics(broker.kafka(), ns, specs);
    expect(broker.calls.filter((c) => c === 'connect')).toHaveLength(3);

    const down = new FakeBroker();
    down.connectFailures = Array.from({ length: 100 }, refused);
    await expect(ensureTopics(down.kafka(), ns, specs, { timeoutMs: 300, hint: 'Start the broker: npm run kafka:start' })).rejects.toThrow(
      /still failing after \d+ attempts over 0 s with a retriable Kafka error \(KafkaJSConnectionError: .*ECONNREFUSED.*\)\. Start the broker: npm run kafka:start$/);
  });

  it('uses the namespace for every topic it creates and checks', async () => {
    const broker = new FakeBroker();
    await ensureTopics(broker.kafka(), new TopicNamespace('t-run.'), specs.slice(0, 1));
    expect(broker.created.map((t) => t.topic)).toEqual(['t-run.ingest.price.observed.v1']);
    expect(broker.calls).toContain('metadata(t-run.ingest.price.observed.v1)');
  });
});

describe('waitForTopicLeaders', () => {
  it('rethrows a non-retriable metadata error as is', async () => {
    const authorization = kafkaError(29);
    const admin = { fetchTopicMetadata: jest.fn(async () => { throw authorization; }) };
    await expect(waitForTopicLeaders(admin, ['a.v1'])).rejects.toBe(authorization);
  });

  it('backs off 50 ms, doubling to 500 ms, and names every topic still pending at the deadline with its last answer', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const admin = {
      fetchTopicMetadata: jest.fn(async ({ topics }: { topics: string[] }) => {
        if (topics[0] === 'b.v1') throw kafkaError(3);
        return { topics: [topicWith(topics[0], topics[0] === 'a.v1' ? [1] : [1, -1])] };
      }),
    };
    const failure = waitForTopicLeaders(admin, ['a.v1', 'b.v1', 'c.v1'], { timeoutMs: 5_000, now: () => t, sleep: async (ms) => { sleeps.push(ms); t += ms; } });
    await expect(failure).rejects.toThrow(
      'topics without a leader for every partition after 5 s: b.v1 (UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition); c.v1 (no leader for partition 1)');
    expect(sleeps.slice(0, 5)).toEqual([50, 100, 200, 400, 500]);
    expect(admin.fetchTopicMetadata.mock.calls.filter(([{ topics }]) => topics[0] === 'a.v1')).toHaveLength(1); // done topics are not asked again
  });
});
