import type { RecordCompanyProfileUseCase } from '../companies/record-company-profile.use-case';
import type { Logger } from '@hashdesk/observability';
import { ReadinessRegistry } from '@hashdesk/platform';
import type { AdapterResult, AdapterState, Observation, SourceAdapter } from '../adapters';
import { AdapterException, AdapterExceptionCode } from '../adapters';
import type { RecordObservationsUseCase } from '../observations/record-observations.use-case';
import { AdapterScheduler } from './adapter-scheduler.service';

const now = new Date('2025-12-30T12:00:00Z');
const snapshot: Observation = {
  kind: 'network-snapshot', source: 'mempool', key: 'BTC', eventTime: new Date('2025-12-30T11:58:00Z'),
  height: 930_100, difficulty: 148.26e12, feesPerBlockSats: 1_800_000, feeWindowBlocks: 144, feesFrom: 'reward-stats',
};
const block = { kind: 'block', source: 'mempool', key: 'BTC:930100', eventTime: snapshot.eventTime } as unknown as Observation;

function fakeAdapter(result: Partial<AdapterResult>): SourceAdapter {
  return {
    id: 'mempool',
    pollIntervalMs: 60_000,
    poll: jest.fn(async () => ({ adapterId: 'mempool', polledAt: now, nextPollAt: new Date(now.getTime() + 60_000), observations: [], issues: [], outcome: 'ok', ...result }) as AdapterResult),
    state: jest.fn(() => ({ adapterId: 'mempool', lastError: null, lagSeconds: 120 }) as unknown as AdapterState),
  };
}
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as Logger;
const noCompanies = { recordFigureIfNotOlder: jest.fn() } as unknown as RecordCompanyProfileUseCase;

describe('AdapterScheduler', () => {
  it('given a poll with a snapshot and a block, records the snapshot as a network observation and counts the block as not recorded', async () => {
    const execute = jest.fn(async () => ({ results: [], rejections: [], published: 1 }));
    const scheduler = new AdapterScheduler([fakeAdapter({ observations: [snapshot, block] })], { execute } as unknown as RecordObservationsUseCase, noCompanies, new ReadinessRegistry(), logger);
    const run = (scheduler as unknown as { runs: Parameters<AdapterScheduler['pollOnce']>[0][] }).runs[0];
    await scheduler.pollOnce(run, now);
    expect(execute).toHaveBeenCalledWith(
      [{ observation: { kind: 'network-snapshot', source: 'mempool', eventTime: snapshot.eventTime, height: 930_100, difficulty: 148.26e12, feesPerBlockSats: 1_800_000, feeWindowBlocks: 144 }, origin: 'adapter:mempool', raw: snapshot }],
      expect.objectContaining({ mode: 'partial' }),
    );
    expect(scheduler.report(now)).toMatchObject({ enabled: 1, adapters: { mempool: { recorded: 1, notRecordedKinds: { block: 1 }, lagSeconds: 120 } } });
  });

  it('given a provider that is down, reports the failure in the readiness details without failing the check', async () => {
    const execute = jest.fn();
    const registry = new ReadinessRegistry();
    const failed = { outcome: 'failed', error: new AdapterException(AdapterExceptionCode.SERVER_ERROR, 'HTTP 503') } as Partial<AdapterResult>;
    const scheduler = new AdapterScheduler([fakeAdapter(failed)], { execute } as unknown as RecordObservationsUseCase, noCompanies, registry, logger);
    scheduler.onApplicationBootstrap();
    await scheduler.onApplicationShutdown();
    const run = (scheduler as unknown as { runs: Parameters<AdapterScheduler['pollOnce']>[0][] }).runs[0];
    await scheduler.pollOnce(run, now);
    expect(execute).not.toHaveBeenCalled();
    await expect(registry.checks.get('adapters')!()).resolves.toMatchObject({ enabled: 1 });
  });

  it('given an SEC cash fact, records it as the profile figure balanceSheet.cashUsd sourced to its filing, not as an observation', async () => {
    const execute = jest.fn(async () => ({ results: [], rejections: [], published: 0 }));
    const recordFigureIfNotOlder = jest.fn(async () => ({ ticker: 'RIOT', version: 2, versionId: 'v', eventTime: '', published: true }));
    const cash = {
      kind: 'company-cash', source: 'sec-edgar', key: 'RIOT', eventTime: new Date('2025-09-30T00:00:00Z'), cashUsd: 330_700_000,
      cik: '1167419', concept: 'us-gaap:CashAndCashEquivalentsAtCarryingValue', end: '2025-09-30', filed: '2025-10-30', accn: '0001167419-25-000050', form: '10-Q', fy: 2025, fp: 'Q3',
      knownAt: new Date('2025-10-30T20:05:12Z'), knownAtBasis: 'acceptance-time',
    } as unknown as Observation;
    const scheduler = new AdapterScheduler([fakeAdapter({ observations: [cash] })], { execute } as unknown as RecordObservationsUseCase, { recordFigureIfNotOlder } as unknown as RecordCompanyProfileUseCase, new ReadinessRegistry(), logger);
    const run = (scheduler as unknown as { runs: Parameters<AdapterScheduler['pollOnce']>[0][] }).runs[0];
    await scheduler.pollOnce(run, now);
    expect(recordFigureIfNotOlder).toHaveBeenCalledWith('RIOT', expect.objectContaining({
      path: 'balanceSheet.cashUsd', value: 330_700_000, asOf: '2025-09-30', sourceQuality: 'primary',
      source: 'https://www.sec.gov/Archives/edgar/data/1167419/000116741925000050/',
      knownAt: '2025-10-30T20:05:12.000Z',
      note: expect.stringContaining('0001167419-25-000050'),
    }), 'adapter:mempool');
    expect(execute).not.toHaveBeenCalled();
    expect(scheduler.report(now)).toMatchObject({ adapters: { mempool: { recorded: 1 } } });
  });
});
