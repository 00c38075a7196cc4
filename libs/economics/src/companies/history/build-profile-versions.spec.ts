import { parseCompanyProfile } from '../parse-company-profile';
import { buildProfileVersions, MAX_LEVEL_AGE_DAYS, usableFrom } from './build-profile-versions';
import { checkCompanyHistory } from './check-company-history';
import { syntheticHistory } from './history.testing';

const q1Production = { periodEnd: '2024-03-31', field: 'production.btcProducedInPeriod', value: 1000, asOf: '2024-Q1', knownAt: '2024-05-10', excerpt: 'mined 1,000 BTC in Q1' };
const q1Held = { periodEnd: '2024-03-31', field: 'balanceSheet.btcHeld', value: 5000, asOf: '2024-03-31', knownAt: '2024-05-10', excerpt: 'held 5,000 BTC' };
const aprilHeld = { periodEnd: '2024-04-30', kind: 'month' as const, field: 'balanceSheet.btcHeld', value: 5300, asOf: '2024-04', knownAt: '2024-05-03', excerpt: 'held 5,300 BTC at April 30' };
const q2Production = { periodEnd: '2024-06-30', field: 'production.btcProducedInPeriod', value: 800, asOf: '2024-Q2', knownAt: '2024-08-01', excerpt: 'mined 800 BTC in Q2' };

describe('buildProfileVersions (point in time)', () => {
  it('given a history, when built, then each version is a valid profile and becomes usable the day after its source', () => {
    const versions = buildProfileVersions(syntheticHistory([q1Production, q1Held, q2Production]));
    expect(versions.map((v) => [v.periodEnd, v.knownAt])).toEqual([
      ['2024-03-31', usableFrom('2024-05-10')],
      ['2024-06-30', usableFrom('2024-08-01')],
    ]);
    expect(usableFrom('2024-08-01')).toBe('2024-08-02T00:00:00.000Z');
    for (const v of versions) expect(parseCompanyProfile(v.profile).ticker).toBe('TEST');
  });

  it('given a new quarter, when built, then its flows come from that quarter only and levels carry the newest known', () => {
    const [, q2] = buildProfileVersions(syntheticHistory([q1Production, q1Held, q2Production]));
    const profile = parseCompanyProfile(q2.profile);
    expect(profile.production.btcProducedInPeriod.value).toBe(800);
    expect(profile.balanceSheet.btcHeld).toMatchObject({ value: 5000, asOf: '2024-03-31', knownAt: '2024-05-10' });
    expect(profile.revenue?.totalUsdInPeriod).toMatchObject({ value: null, note: 'not found in the sources read' });
  });

  it('given a level older than MAX_LEVEL_AGE_DAYS before the period end, when built, then it is null and names the stale figure', () => {
    // 2023-09-30 is 183 days before 2024-03-31 (carried) and 274 days before 2024-06-30 (not carried).
    const oldDebt = { periodEnd: '2023-09-30', field: 'balanceSheet.totalDebtUsd', value: 7_000_000, unit: 'USD', asOf: '2023-09-30', knownAt: '2023-11-01', excerpt: 'debt of $7.0 million' };
    const [q1, q2] = buildProfileVersions(syntheticHistory([oldDebt, q1Production, q2Production]));
    expect(MAX_LEVEL_AGE_DAYS).toBe(184);
    expect(parseCompanyProfile(q1.profile).balanceSheet.totalDebtUsd).toMatchObject({ value: 7_000_000, asOf: '2023-09-30' });
    const stale = parseCompanyProfile(q2.profile).balanceSheet.totalDebtUsd;
    expect(stale.value).toBeNull();
    expect(stale.note).toContain('7000000 USD at 2023-09-30');
    expect(stale.note).toContain('not carried forward');
  });

  it('given a monthly update published before the quarter results, when built, then it updates the level and not the period', () => {
    const versions = buildProfileVersions(syntheticHistory([q1Production, q1Held, aprilHeld]));
    // April's update (May 3) comes before Q1 results (May 10): no profile yet; then Q1 with April's newer holding.
    expect(versions).toHaveLength(1);
    expect(parseCompanyProfile(versions[0].profile).balanceSheet.btcHeld.value).toBe(5300);
    expect(versions[0].periodEnd).toBe('2024-03-31');
  });

  it('given a primary and a secondary source that disagree, when built, then the primary wins and the other is named', () => {
    const secondary = { ...q1Production, value: 1001, sourceQuality: 'secondary' as const, knownAt: '2024-05-11', excerpt: 'about 1,001 BTC', source: 'https://news.example.com/x' };
    const [v] = buildProfileVersions(syntheticHistory([q1Production, secondary])).slice(-1);
    const figure = parseCompanyProfile(v.profile).production.btcProducedInPeriod;
    expect(figure.value).toBe(1000);
    expect(figure.note).toContain('https://news.example.com/x');
  });

  it('given SG&A and SBC, when built, then SG&A excluding SBC is derived and says so', () => {
    const sga = { periodEnd: '2024-03-31', field: 'opex.sgaUsdInPeriod', unit: 'USD', value: 30_000_000, asOf: '2024-Q1', knownAt: '2024-05-10', excerpt: 'SG&A of $30.0 million' };
    const sbc = { periodEnd: '2024-03-31', field: 'opex.sbcUsdInPeriod', unit: 'USD', value: 12_500_000, asOf: '2024-Q1', knownAt: '2024-05-12', excerpt: 'SBC of $12.5 million' };
    const [v] = buildProfileVersions(syntheticHistory([q1Production, sga, sbc])).slice(-1);
    const figure = parseCompanyProfile(v.profile).opex.sgaExSbcUsdInPeriod;
    expect(figure.value).toBe(17_500_000);
    expect(figure.note).toMatch(/^derived:/);
    expect(figure.knownAt).toBe('2024-05-12');
  });
});

describe('buildProfileVersions: a delisted company', () => {
  it('given a history with its last trading day, when built, then every version carries delistedOn (valuation stops after it)', () => {
    const versions = buildProfileVersions({ ...syntheticHistory([q1Production]), delisted: '2024-06-14' });
    expect(parseCompanyProfile(versions[0].profile).delistedOn).toBe('2024-06-14');
    expect(parseCompanyProfile(buildProfileVersions(syntheticHistory([q1Production]))[0].profile).delistedOn).toBeUndefined();
  });
});

describe('checkCompanyHistory (provenance)', () => {
  it('given sourced figures stated in their excerpts, when checked, then there is no problem', () => {
    expect(checkCompanyHistory(syntheticHistory([q1Production, q1Held, aprilHeld, q2Production]))).toEqual([]);
  });

  it('given a figure whose number is not in its excerpt, when checked, then the figure path and rule are named', () => {
    const problems = checkCompanyHistory(syntheticHistory([{ ...q1Production, value: 1001 }]));
    expect(problems).toEqual([{ path: 'figures[0].value', rule: '1001 BTC is not stated in the excerpt' }]);
  });

  it('given a figure without a source or published before its period, when checked, then both are named', () => {
    const problems = checkCompanyHistory(syntheticHistory([{ ...q2Production, source: '', knownAt: '2024-03-01' }]));
    expect(problems.map((p) => p.path)).toEqual(['figures[0].knownAt', 'figures[0].source']);
  });

  it('given an impossible date or an unknown field, when checked, then it is refused', () => {
    const problems = checkCompanyHistory(syntheticHistory([{ ...q1Production, knownAt: '2024-02-30' }, { ...q1Production, field: 'fleet.guessEhs' }]));
    expect(problems.map((p) => p.path)).toEqual(['figures[0].knownAt', 'figures[1].field']);
  });
});
