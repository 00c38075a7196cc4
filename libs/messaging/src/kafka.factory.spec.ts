import type { Producer } from 'kafkajs';
import { createKafka, parseBrokers } from './kafka.factory';
import { connectProducer } from './producer.factory';

const { createErrorFromCode: kafkaError } = require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error };

const recordingLogger = () => ({ info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() });

describe('createKafka logging', () => {
  it('reports a broker answer that is normal for a moment on a fresh broker as a warning, not an error', () => {
    const logger = recordingLogger();
    const kafkaLog = createKafka({ brokers: ['127.0.0.1:9'], clientId: 't', logger }).logger();
    kafkaLog.error('Response Metadata(key: 3, version: 6)', { error: 'This server does not host this topic-partition', correlationId: 1 });
    kafkaLog.error('Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' });
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ error: 'This server does not host this topic-partition' }), 'Response Metadata(key: 3, version: 6)');
  });

  it('keeps other broker errors errors', () => {
    const logger = recordingLogger();
    createKafka({ brokers: ['127.0.0.1:9'], clientId: 't', logger }).logger()
      .error('Response Metadata(key: 3, version: 6)', { error: 'Not authorized to access topics: [Topic authorization failed]' });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('parses a broker list', () => {
    expect(parseBrokers(' 127.0.0.1:9092, 127.0.0.1:19092 ,')).toEqual(['127.0.0.1:9092', '127.0.0.1:19092']);
  });
});

describe('connectProducer', () => {
  it('retries a retriable Kafka error and fails at once on another', async () => {
    const connect = jest.fn().mockRejectedValueOnce(kafkaError(5)).mockResolvedValueOnce(undefined);
    await connectProducer({ connect } as unknown as Producer, { initialBackoffMs: 1 });
    expect(connect).toHaveBeenCalledTimes(2);

    const denied = jest.fn().mockRejectedValue(kafkaError(53)); // TRANSACTIONAL_ID_AUTHORIZATION_FAILED
    await expect(connectProducer({ connect: denied } as unknown as Producer)).rejects.toThrow(/^producer: connect failed with a non-retriable Kafka error \(TRANSACTIONAL_ID_AUTHORIZATION_FAILED: /);
    expect(denied).toHaveBeenCalledTimes(1);
  });
});
