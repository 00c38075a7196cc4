import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '@hashdesk/config';
import { NotificationEnv } from './notification.config';

const KEY = `k1:${randomBytes(32).toString('base64')}`;
const base = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', REDIS_URL: 'redis://127.0.0.1:6379' };
const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(NotificationEnv, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  return '';
};

describe('notification configuration at start-up', () => {
  it('refuses to start without NOTIFICATION_SECRET_KEYS, saying how to make a key', () => {
    expect(problems(base)).toMatch(/NOTIFICATION_SECRET_KEYS: is not set: .*openssl rand -base64 32/);
    expect(problems({ ...base, NOTIFICATION_SECRET_KEYS: '' })).toMatch(/NOTIFICATION_SECRET_KEYS: is not set/);
  });

  it('never echoes key material in its message', () => {
    const bad = `k1:${randomBytes(16).toString('base64')}`;
    const message = problems({ ...base, NOTIFICATION_SECRET_KEYS: bad });
    expect(message).toMatch(/NOTIFICATION_SECRET_KEYS: entry 1 \(k1\): the key must be 32 bytes/);
    expect(message).not.toContain(bad.slice(3));
  });

  it.each(['127.0.0.1', 'http://127.0.0.1:3009,10.0.0.0/8', 'http://127.0.0.1:3009/hook', 'http://*.internal:8080'])(
    'refuses the allowlist %s: an entry is one origin', (allowlist) => {
      expect(problems({ ...base, NOTIFICATION_SECRET_KEYS: KEY, NOTIFICATION_URL_ALLOWLIST: allowlist }))
        .toMatch(/NOTIFICATION_URL_ALLOWLIST: ".*": each entry must be one origin: scheme, host and port/);
    });

  it('does not echo an allowlist entry that carries credentials', () => {
    const message = problems({ ...base, NOTIFICATION_SECRET_KEYS: KEY, NOTIFICATION_URL_ALLOWLIST: 'http://u:hunter2@127.0.0.1:3009' });
    expect(message).toMatch(/NOTIFICATION_URL_ALLOWLIST: an entry carries credentials/);
    expect(message).not.toContain('hunter2');
  });

  it('starts with a key and origin entries', () => {
    const config = loadConfig(NotificationEnv, { ...base, NOTIFICATION_SECRET_KEYS: KEY, NOTIFICATION_URL_ALLOWLIST: 'http://127.0.0.1:3009, https://hooks.internal' });
    expect(config.NOTIFICATION_URL_ALLOWLIST).toBe('http://127.0.0.1:3009, https://hooks.internal');
    expect(config.NOTIFICATION_SECRET_KEYS).toBe(KEY);
  });
});
