import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { ObservationKind, ObservationOf } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, fixtureJson } from '../testing/replay';
import { MempoolNetworkAdapter, type MempoolNetworkAdapterConfig } from './mempool-network.adapter';

const P = 'mempool';
// The poll runs ten minutes after the tip block (timestamp 1734702747 = 2024-12-20T13:52:27Z).
const NOW = new Date('2024-12-20T14:02:27Z');
const happy = () => [
  fixture(P, 'tip-height'),
  fixture(P, 'blocks-875599'),
  fixture(P, 'reward-stats-144'),
  fixture(P, 'difficulty-adjustment.ms'),
  fixture(P, 'hashrate-1w'),
];

function create(server: HttpReplayServer, overrides: Partial<MempoolNetworkAdapterConfig> = {}): MempoolNetworkAdapter {
  return new MempoolNetworkAdapter({ baseUrl: server.url('/api'), random: () => 0, ...overrides });
}

function only<K extends ObservationKind>(result: AdapterResult, kind: K): ObservationOf<K>[] {
  return result.observations.filter((o): o is ObservationOf<K> => o.kind === kind);
}

describe('MempoolNetworkAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy,
    primary: () => fixture(P, 'tip-height'),
    throttled: () => fixture(P, 'tip-height.429'),
    empty: () => fixture(P, 'blocks-875599.empty'),
    malformed: () => fixture(P, 'difficulty-adjustment.truncated'),
    create: (server, overrides) => create(server, overrides),
  });

  describe('parsing the recorded responses', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      for (const recorded of happy()) server.serveFixture(recorded);
    });
    afterAll(() => server.close());

    it('builds the network snapshot: tip height, tip difficulty and the mean fees of 144 blocks from reward-stats', async () => {
      const result = await create(server).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(only(result, 'network-snapshot')).toEqual([{
        kind: 'network-snapshot',
        source: 'mempool',
        key: 'BTC',
        eventTime: new Date('2024-12-20T13:52:27Z'),
        height: 875599,
        difficulty: 108522647629298.3,
        // totalFee "1654321987" over blocks 875456…875599 (144 blocks): 11,488,347.13 → 11,488,347 sats.
        feesPerBlockSats: 11488347,
        feeWindowBlocks: 144,
        feesFrom: 'reward-stats',
      }]);
      expect(Number.isInteger(only(result, 'network-snapshot')[0].feesPerBlockSats)).toBe(true);
      expect(result.issues).toEqual([]);
    });

    it('emits each of the 15 blocks with its total fees and reward in satoshis', async () => {
      const blocks = only(await create(server).poll(NOW), 'block');

      expect(blocks).toHaveLength(15);
      expect(blocks[0]).toMatchObject({ key: 'BTC:875599', height: 875599, totalFeesSats: 8123456, rewardSats: 320623456, txCount: 3120, eventTime: new Date(1734702747_000) });
      expect(blocks[14]).toMatchObject({ key: 'BTC:875585', totalFeesSats: 8888888, rewardSats: 321388888 });
      expect(blocks[0].blockHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads the difficulty projection: percents as percents, previousTime in seconds, the rest in milliseconds', async () => {
      const [projection] = only(await create(server).poll(NOW), 'difficulty-adjustment');

      expect(projection).toMatchObject({
        key: 'BTC',
        tipHeight: 875599,
        progressPercent: 32.49,
        difficultyChangePct: 0.784,
        remainingBlocks: 1361,
        nextRetargetHeight: 876960,
        previousRetargetPct: 4.429,
        averageBlockIntervalSeconds: 596.239,
        eventTime: new Date('2024-12-20T13:52:27Z'),
      });
      expect(projection.estimatedRetargetAt.toISOString()).toBe('2024-12-29T23:27:08.279Z'); // 1735514828279 ms
      expect(projection.previousRetargetAt.toISOString()).toBe('2024-12-16T01:33:30.000Z'); // 1734312810 s
    });

    it('reads estimatedRetargetDate given in seconds (the public docs sample) as the same instant', async () => {
      server.serveFixture(fixture(P, 'difficulty-adjustment.seconds'));

      const [projection] = only(await create(server).poll(NOW), 'difficulty-adjustment');

      expect(projection.estimatedRetargetAt.toISOString()).toBe('2024-12-29T23:27:08.000Z'); // 1735514828 s
      expect(projection.previousRetargetAt.toISOString()).toBe('2024-12-16T01:33:30.000Z');
    });

    it('turns the daily hashrate history into EH/s and the retarget ratio into a percent', async () => {
      const result = await create(server).poll(NOW);
      const hashrates = only(result, 'network-hashrate');
      const [retarget] = only(result, 'network-difficulty');

      expect(hashrates).toHaveLength(7);
      expect(hashrates[0].eventTime.toISOString()).toBe('2024-12-13T00:00:00.000Z');
      expect(hashrates[0].hashrateEhs).toBeCloseTo(770.1234567890123, 9); // 770123456789012300000 H/s
      expect(hashrates[6].eventTime.toISOString()).toBe('2024-12-19T00:00:00.000Z');
      expect(retarget).toMatchObject({ height: 874944, difficulty: 108522647629298.3, adjustmentPct: 4.429, eventTime: new Date(1734312810_000) });
    });

    it('accepts the docs-sample difficulty entries (timestamp instead of time, no adjustment)', async () => {
      server.serveFixture(fixture(P, 'hashrate-1w.docs-shape'));

      const [retarget] = only(await create(server).poll(NOW), 'network-difficulty');

      expect(retarget).toMatchObject({ height: 874944, eventTime: new Date(1734312810_000), adjustmentPct: null });
    });

    it('refuses a percent sent where a ratio belongs, naming the field, and keeps what it had already parsed', async () => {
      server.serveFixture(fixture(P, 'hashrate-1w.percent-as-ratio'));

      const result = await create(server).poll(NOW);

      expect(result.outcome).toBe('failed');
      if (result.outcome !== 'failed') return;
      expect(result.error).toMatchObject({ code: AdapterExceptionCode.INVALID_FIELD, field: 'hashrate.difficulty[0].adjustment' });
      expect(only(result, 'network-snapshot')).toHaveLength(1);
      expect(only(result, 'network-difficulty')).toHaveLength(0);
    });

    it('falls back to the mean of the recent blocks when the instance has no reward-stats (no mining index)', async () => {
      server.serveFixture(fixture(P, 'reward-stats-144.404'));
      const recorded = fixtureJson<Array<{ extras: { totalFees: number } }>>(P, 'blocks-875599');
      const expectedMean = Math.round(recorded.reduce((sum, block) => sum + block.extras.totalFees, 0) / recorded.length);

      const result = await create(server).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(only(result, 'network-snapshot')[0]).toMatchObject({ feesPerBlockSats: expectedMean, feeWindowBlocks: 15, feesFrom: 'recent-blocks' });
      expect(result.issues).toEqual([expect.objectContaining({ code: 'FALLBACK', key: 'BTC' })]);
    });

    it('refuses a fee total that is not a whole number of satoshis, naming the field, with no snapshot', async () => {
      server.serveFixture(fixture(P, 'reward-stats-144.bad-total'));

      const result = await create(server).poll(NOW);

      expect(result.outcome === 'failed' && result.error).toMatchObject({ code: AdapterExceptionCode.INVALID_FIELD, field: 'reward-stats.totalFee' });
      expect(only(result, 'network-snapshot')).toEqual([]);
    });

    it('answers a second poll while the first is running with skipped/in-flight', async () => {
      const adapter = create(server);

      const [first, second] = await Promise.all([adapter.poll(NOW), adapter.poll(NOW)]);

      expect(first.outcome).toBe('ok');
      expect(second).toMatchObject({ outcome: 'skipped', reason: 'in-flight' });
    });

    it('asks for the configured fee window and hashrate period', async () => {
      server.route({ path: '/api/v1/mining/reward-stats/100' }, { bodyJson: { startBlock: 875500, endBlock: 875599, totalReward: '31350000000', totalFee: '100000050', totalTx: '300000' } });
      server.route({ path: '/api/v1/mining/hashrate/1m' }, { bodyJson: { hashrates: [], difficulty: [] } });

      const result = await create(server, { feeWindowBlocks: 100, hashratePeriod: '1m' }).poll(NOW);

      expect(only(result, 'network-snapshot')[0]).toMatchObject({ feesPerBlockSats: 1000001, feeWindowBlocks: 100 }); // 100,000,050 / 100 = 1,000,000.5 → half up
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.EMPTY_RESPONSE })]);
    });
  });

  it('refuses a base URL that is not http(s), naming the setting', () => {
    expect(() => new MempoolNetworkAdapter({ baseUrl: 'mempool.space/api' })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'baseUrl' }));
  });
});
