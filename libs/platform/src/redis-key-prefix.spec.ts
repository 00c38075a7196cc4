import type { PlatformOptions } from './platform.options';
import { redisKeyPrefix } from './platform.providers';

const options = (DATABASE_URL: string, KAFKA_TOPIC_PREFIX: string, serviceName: PlatformOptions['serviceName']) =>
  ({ serviceName, infra: { DATABASE_URL, KAFKA_TOPIC_PREFIX } }) as unknown as PlatformOptions;

describe('redisKeyPrefix', () => {
  it('scopes keys by database, topic namespace and service, so deployments sharing a Redis never collide', () => {
    expect(redisKeyPrefix(options('postgres://u@h:5432/hashdesk', '', 'notification'))).toBe('hashdesk:hashdesk:notification:');
    const a = redisKeyPrefix(options('postgres://u@h:5432/hd_test_1', 't-slice-1.', 'notification'));
    const b = redisKeyPrefix(options('postgres://u@h:5432/hd_test_2', 't-slice-1.', 'notification'));
    const c = redisKeyPrefix(options('postgres://u@h:5432/hd_test_1', 't-slice-2.', 'notification'));
    const d = redisKeyPrefix(options('postgres://u@h:5432/hd_test_1', 't-slice-1.', 'valuation'));
    expect(new Set([a, b, c, d]).size).toBe(4);
  });
});
