import { KafkaJSAggregateError, KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { classifyKafkaError, isRetriableKafkaError, KafkaStartupError, retryKafkaStartup } from './retriable-startup';

// The exact error kafkajs raises when a broker answers with `code` (its own table of codes and retriability).
const { createErrorFromCode: kafkaError } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };

describe('classifyKafkaError', () => {
  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', 3],
    ['LEADER_NOT_AVAILABLE', 5],
    ['NOT_LEADER_FOR_PARTITION', 6], // NOT_LEADER_OR_FOLLOWER in Kafka's own naming
    ['GROUP_COORDINATOR_NOT_AVAILABLE', 15],
  ])('a broker answer Kafka calls retriable is retriable: %s', (type, code) => {
    expect(classifyKafkaError(kafkaError(code))).toEqual({ retriable: true, kind: type, message: expect.any(String) });
  });

  it.each([
    ['TOPIC_AUTHORIZATION_FAILED', 29],
    ['INVALID_REPLICATION_FACTOR', 38],
    ['POLICY_VIOLATION', 44],
  ])('a broker answer Kafka calls non-retriable is not: %s', (type, code) => {
    expect(classifyKafkaError(kafkaError(code))).toEqual({ retriable: false, kind: type, message: expect.any(String) });
  });

  it('looks through the wrappers kafkajs puts around the answer once its own retries are spent', () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(kafkaError(3), { retryCount: 8, retryTime: 1000 });
    expect(exhausted.retriable).toBe(false); // what kafkajs says of the wrapper …
    expect(classifyKafkaError(exhausted)).toEqual(expect.objectContaining({ retriable: true, kind: 'UNKNOWN_TOPIC_OR_PARTITION' })); // … and what it is
    // As kafkajs' retrier wraps a non-retriable answer: new KafkaJSNonRetriableError(e, { cause: e }).
    const NonRetriable = KafkaJSNonRetriableError as unknown as new (e: Error, options: { cause: Error }) => Error;
    const answer = kafkaError(38);
    const wrapped = new NonRetriable(answer, { cause: answer });
    expect(classifyKafkaError(wrapped)).toEqual(expect.objectContaining({ retriable: false, kind: 'INVALID_REPLICATION_FACTOR' }));
  });

  it('treats a broker that does not answer yet as retriable (start-up while it starts)', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' } as never);
    expect(isRetriableKafkaError(refused)).toBe(true);
    expect(isRetriableKafkaError(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 1000 }))).toBe(true);
  });

  it('an aggregate is retriable only when every error in it is', () => {
    expect(isRetriableKafkaError(new KafkaJSAggregateError('Topic creation errors', [kafkaError(3), kafkaError(5)]))).toBe(true);
    expect(isRetriableKafkaError(new KafkaJSAggregateError('Topic creation errors', [kafkaError(3), kafkaError(38)]))).toBe(false);
  });

  it('anything that is not a Kafka error is not retriable', () => {
    expect(classifyKafkaError(new TypeError('x is not a function'))).toEqual({ retriable: false, kind: 'TypeError', message: 'x is not a function' });
    expect(isRetriableKafkaError(new Error('boom'))).toBe(false);
    expect(isRetriableKafkaError('a string')).toBe(false);
    expect(isRetriableKafkaError(undefined)).toBe(false);
  });
});

describe('retryKafkaStartup', () => {
  const clock = () => {
    let t = 0;
    const sleeps: number[] = [];
    return { sleeps, now: () => t, sleep: async (ms: number) => { sleeps.push(ms); t += ms; } };
  };

  it('retries retriable errors with a doubling, capped backoff until the step succeeds', async () => {
    const c = clock();
    const warn = jest.fn();
    let calls = 0;
    const result = await retryKafkaStartup('subscribe', async () => {
      calls++;
      if (calls <= 5) throw kafkaError(calls % 2 ? 3 : 5);
      return 'done';
    }, { ...c, logger: { info: jest.fn(), warn, error: jest.fn(), debug: jest.fn() } });
    expect(result).toBe('done');
    expect(calls).toBe(6);
    expect(c.sleeps).toEqual([200, 400, 800, 1600, 2000]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, kafkaError: 'UNKNOWN_TOPIC_OR_PARTITION' }), 'subscribe: retriable Kafka error, retrying');
  });

  it('fails at once on a non-retriable error, saying what it was doing and the Kafka error', async () => {
    const c = clock();
    const step = jest.fn(async () => { throw kafkaError(29); });
    const failure = retryKafkaStartup('consumer group valuation: subscribe to a.v1', step, c);
    await expect(failure).rejects.toThrow(KafkaStartupError);
    await expect(failure).rejects.toThrow(/^consumer group valuation: subscribe to a\.v1 failed with a non-retriable Kafka error \(TOPIC_AUTHORIZATION_FAILED: /);
    expect(step).toHaveBeenCalledTimes(1);
    expect(c.sleeps).toEqual([]);
  });

  it('a plain bug is not retried either', async () => {
    const step = jest.fn(async () => { throw new TypeError('cannot read properties of undefined'); });
    await expect(retryKafkaStartup('connect', step, clock())).rejects.toThrow('connect failed with a non-retriable Kafka error (TypeError: cannot read properties of undefined)');
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('gives up after the bound, naming the last retriable error and the hint', async () => {
    const c = clock();
    const failure = retryKafkaStartup('producer: connect', async () => { throw kafkaError(5); }, { ...c, timeoutMs: 10_000, hint: 'Check KAFKA_BROKERS.' });
    await expect(failure).rejects.toThrow(/^producer: connect still failing after \d+ attempts over 10 s with a retriable Kafka error \(LEADER_NOT_AVAILABLE: .*\)\. Check KAFKA_BROKERS\.$/);
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000); // the last wait is cut to the deadline
    expect(Math.max(...c.sleeps)).toBe(2_000);
  });

  it('does not wrap or retry a nested step that already gave up', async () => {
    const inner = new KafkaStartupError('topic a.v1 never got a leader', { retriable: false, kind: 'TOPIC_LEADERS_TIMEOUT', message: 'a.v1' }, 3);
    const step = jest.fn(async () => { throw inner; });
    await expect(retryKafkaStartup('create topics', step, clock())).rejects.toBe(inner);
    expect(step).toHaveBeenCalledTimes(1);
  });
});
