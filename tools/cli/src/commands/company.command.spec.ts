import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

// September 2025 network (data/reference/network-daily.csv, Coin Metrics): harmonic-mean difficulty 137.63 T,
// 0.026764 BTC fees per block; Riot sold BTC at $113,043 on average that month.
const SEPT_2025 = ['--price-usd', '113043', '--difficulty', '137.6298e12', '--height', '915000', '--fees-btc-per-block', '0.026764'];
const RIOT = ['--file', 'data/companies/riot.json'];

describe('hashdesk company', () => {
  it('given the Riot profile in the September 2025 market, when run with --json, then production is Riot\'s reported 14.8 BTC/day and unknown opex leaves the direct cost null with its missing inputs', () => {
    const json = runHashdeskJson('company', ...RIOT, ...SEPT_2025);
    expect(json).toMatchObject({ ticker: 'RIOT', hashrateBasis: 'operating', hashrateAtWorkEhs: 32.2, powerPriceSource: 'profile-average', directCostPerBtcUsd: null });
    expect(json['btcPerDay']).toBeCloseTo(14.8, 1);
    expect(json['powerHashcostUsdPerPhDay']).toBeCloseTo(20.5 * 0.042 * 24, 9); // e · p · 24
    expect((json['missingInputs'] as Record<string, string[]>)['directCostPerBtcUsd']).toEqual(['opex.otherDirectCostUsdInPeriod|assumptions.otherDirectCostUsdPerBtc']);
    expect(json['reportedCostsPerBtc']).toEqual([expect.objectContaining({ definition: 'direct', value: 46324 })]);
    expect(json['methodologyVersion']).toBe('hashdesk.economics.company/1');
  });

  it('given a share price, when run, then market cap and basic mNAV are computed from the profile\'s 371,807,186 shares and 19,287 BTC, and EV is null for want of total debt', () => {
    const json = runHashdeskJson('company', ...RIOT, ...SEPT_2025, '--share-price-usd', '15');
    expect(json['marketCapUsd']).toBeCloseTo(15 * 371_807_186, 0);
    expect(json['mNavBasic']).toBeCloseTo((15 * 371_807_186) / (19_287 * 113_043), 9);
    expect(json['enterpriseValueUsd']).toBeNull();
    expect((json['missingInputs'] as Record<string, string[]>)['enterpriseValueUsd']).toEqual(['balanceSheet.totalDebtUsd']);
  });

  it('given per-BTC opex assumptions for CleanSpark, when run, then the cost definitions stack (power < direct < all-in) and the SOTP adds up', () => {
    const json = runHashdeskJson(
      'company', '--file', 'data/companies/clsk.json', ...SEPT_2025, '--share-price-usd', '12', '--power-usd-per-kwh', '0.045',
      '--other-direct-cost-usd-per-btc', '6000', '--sga-ex-sbc-usd-per-btc', '9000', '--interest-usd-per-btc', '500',
    );
    const n = (name: string) => json[name] as number;
    expect(n('directCostPerBtcUsd')).toBeCloseTo(n('powerCostPerBtcUsd') + 6000, 6);
    expect(n('allInCostPerBtcUsd')).toBeCloseTo(n('powerCostPerBtcUsd') + 15_500, 6);
    expect(n('enterpriseValueUsd')).toBeCloseTo(12 * 255_583_445 + 821.2e6 - 46.5e6, 0);
    expect(n('equityValueUsd')).toBeCloseTo(n('miningValueUsd') + n('hpcValueUsd') + n('btcHoldingsUsd') - n('netDebtUsd'), 0);
    expect(json['assumptions']).toMatchObject({ otherDirectCostUsdPerBtc: 6000, horizonMonths: 60, taxRate: 0.21 });
  });

  it('given no --json, when run, then a sectioned table is printed, naming the flags that would fill the gaps', () => {
    const run = runHashdesk('company', ...RIOT, ...SEPT_2025);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cost per BTC \(docs\/methodology\.md §4\.1/m);
    expect(run.stdout).toMatch(/reported direct \(2025-Q3\)\s+46,324 USD/);
    expect(run.stdout).toMatch(/directCostPerBtcUsd: opex\.otherDirectCostUsdInPeriod\|--other-direct-cost-usd-per-btc/);
  });

  it.each([
    { args: ['--file', 'nope.json', ...SEPT_2025], flag: 'file', rule: /cannot read 'nope\.json'/ },
    { args: ['--file', 'package.json', ...SEPT_2025], flag: 'file', rule: /not a valid company profile: schemaVersion: is required/ },
    { args: [...SEPT_2025], flag: 'file', rule: /is required/ },
    { args: [...RIOT, '--difficulty', '1e14', '--height', '1'], flag: 'price-usd', rule: /is required/ },
    { args: [...RIOT, ...SEPT_2025, '--uptime', '95'], flag: 'uptime', rule: /from 0 to 1/ },
    { args: [...RIOT, ...SEPT_2025, '--share-price-usd', '0'], flag: 'share-price-usd', rule: /greater than 0/ },
    { args: [...RIOT, ...SEPT_2025, '--replace-degraded'], flag: 'replace-degraded', rule: /needs --replacement-capex-usd-per-th/ },
    { args: [...RIOT, ...SEPT_2025, '--valuation-date', '30/09/2025'], flag: 'valuation-date', rule: /ISO date/ },
  ])('given $args, when run, then exit 2 names --$flag on stderr and stdout is empty', ({ args, flag, rule }) => {
    expectUsageError(runHashdesk('company', ...args, '--json'), flag, rule);
  });
});
