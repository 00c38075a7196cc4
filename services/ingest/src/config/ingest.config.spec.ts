import { ConfigValidationError, loadConfig } from '@hashdesk/config';
import { IngestEnv } from './ingest.config';

const INFRA = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hashdesk', REDIS_URL: 'redis://127.0.0.1:6379' };

/** The variables a configuration was refused for, each with its rule. */
function refused(env: Record<string, string>): Array<{ variable: string; rule: string }> {
  try {
    loadConfig(IngestEnv, { ...INFRA, ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems;
  }
}

describe('ingest configuration: SEC EDGAR', () => {
  it('accepts a contact e-mail in place of a whole User-Agent, and no company list (the histories give the CIKs)', () => {
    expect(refused({ INGEST_SEC_BASE_URL: 'https://data.sec.gov', INGEST_SEC_CONTACT_EMAIL: 'ops@hashdesk.example' })).toEqual([]);
  });

  it('requires a contact when the SEC is enabled', () => {
    expect(refused({ INGEST_SEC_BASE_URL: 'https://data.sec.gov' })).toEqual([{ variable: 'INGEST_SEC_USER_AGENT', rule: expect.stringContaining('INGEST_SEC_CONTACT_EMAIL') }]);
  });

  it('names a contact that is not an e-mail and a company list that is not TICKER:CIK pairs', () => {
    expect(refused({ INGEST_SEC_BASE_URL: 'https://data.sec.gov', INGEST_SEC_CONTACT_EMAIL: 'ops', INGEST_SEC_COMPANIES: 'MARA=1507605' }).map((p) => p.variable).sort())
      .toEqual(['INGEST_SEC_COMPANIES', 'INGEST_SEC_CONTACT_EMAIL']);
  });
});

describe('ingest configuration: price band', () => {
  it('defaults to ×/÷2 within 7 days and reads a decimal ratio and whole days', () => {
    const defaults = loadConfig(IngestEnv, INFRA);
    expect([defaults.INGEST_PRICE_BAND_RATIO, defaults.INGEST_PRICE_BAND_WINDOW_DAYS]).toEqual([1, 7]);
    const set = loadConfig(IngestEnv, { ...INFRA, INGEST_PRICE_BAND_RATIO: '0.5', INGEST_PRICE_BAND_WINDOW_DAYS: '3' });
    expect([set.INGEST_PRICE_BAND_RATIO, set.INGEST_PRICE_BAND_WINDOW_DAYS]).toEqual([0.5, 3]);
  });

  it('refuses a ratio that is not a positive decimal in range and a window that is not whole days', () => {
    for (const ratio of ['0', '-1', 'abc', '1e3', '101']) {
      expect([...new Set(refused({ INGEST_PRICE_BAND_RATIO: ratio }).map((p) => p.variable))]).toEqual(['INGEST_PRICE_BAND_RATIO']);
    }
    for (const days of ['0', '1.5', '91']) {
      expect([...new Set(refused({ INGEST_PRICE_BAND_WINDOW_DAYS: days }).map((p) => p.variable))]).toEqual(['INGEST_PRICE_BAND_WINDOW_DAYS']);
    }
  });
});
