import { companyMetrics } from '../companies/company-metrics';
import { syntheticProfile } from '../companies/company-profile.testing';
import { median, peerMultiples } from './peer-multiples';

const market = { btcPriceUsd: 100_000, difficulty: 150e12, subsidyBtc: 3.125, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };

describe('peer multiples', () => {
  it('given three peers, one without debt figures, when compared, then EV multiples use the two known and list the third as excluded', () => {
    const a = companyMetrics({ ...syntheticProfile(), ticker: 'AAA' }, market); // EV 2.2B, 10 EH/s installed, 9 operating
    const b = companyMetrics({ ...syntheticProfile({ installedHashrateEhs: 20, sharesOutstanding: 200_000_000 }), ticker: 'BBB' }, market); // EV 4.2B
    const c = companyMetrics({ ...syntheticProfile({ totalDebtUsd: null }), ticker: 'CCC' }, market);
    const peers = peerMultiples([a, b, c]);
    expect(peers.rows.map((row) => row.ticker)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(peers.stats.evPerInstalledEhUsd).toMatchObject({ count: 2, min: 210e6, max: 220e6, median: 215e6, mean: 215e6, excludedTickers: ['CCC'] });
    expect(peers.stats.mNavBasic).toMatchObject({ count: 3, median: 20, excludedTickers: [] });
  });

  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('given %j, when the median is taken, then it is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
