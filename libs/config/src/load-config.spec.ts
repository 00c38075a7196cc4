import { ConfigValidationError } from './config-validation.error';
import { InfraEnv } from './infra.env';
import { loadConfig, maskSecrets } from './load-config';

const valid = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hashdesk', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('given every required variable, when loaded, then the typed config carries them and the defaults', () => {
    const config = loadConfig(InfraEnv, valid);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('given a missing KAFKA_BROKERS and a malformed REDIS_URL, when loaded, then the error names both variables and their rules', () => {
    const { KAFKA_BROKERS: _omitted, ...rest } = valid;
    let error: unknown;
    try {
      loadConfig(InfraEnv, { ...rest, REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'REDIS_URL']));
    expect(problems.find((p) => p.variable === 'REDIS_URL')?.rule).toMatch(/redis:\/\//);
    expect((error as Error).message).toContain('KAFKA_BROKERS');
  });

  it('given a password in a URL, when masked, then it is hidden', () => {
    expect(maskSecrets('postgres://u:secret@h:5432/d')).toBe('postgres://u:***@h:5432/d');
  });
});
