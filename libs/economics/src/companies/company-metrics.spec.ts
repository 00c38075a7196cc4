import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CompanyProfile } from './company-profile';
import { companyMetrics } from './company-metrics';
import { emptyCompanyRunRate, evaluateCompanyRunRate, prepareCompanyRunRate } from './company-run-rate';
import { fig, lease, syntheticProfile } from './company-profile.testing';
import { parseCompanyProfile } from './parse-company-profile';
import type { MarketInputs } from './market-inputs';

const market: MarketInputs = { btcPriceUsd: 100_000, difficulty: 150e12, subsidyBtc: 3.125, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };
// Hand: BTC per EH/s per day = 86,400 · 1e18 · 3.15 / (150e12 · 2^32) = 0.422449…; the fixture runs 9 EH/s at 20 J/TH, 5 c/kWh,
// and its Q3 (92-day) opex is other direct $9.2M, SG&A ex-SBC $18.4M, interest $4.6M, depreciation $46M, SBC $9.2M.
const BTC_PER_EH_DAY = (86_400 * 1e18 * 3.15) / (150e12 * 2 ** 32);
const BTC_PER_DAY = 9 * BTC_PER_EH_DAY;
const POWER_PER_DAY = 9 * 20 * 1_000 * 24 * 0.05; // 180 MW → $216,000/day
const PER_DAY = { otherDirect: 100_000, sga: 200_000, interest: 50_000, depreciation: 500_000, sbc: 100_000 };

const loadShipped = (ticker: string) =>
  parseCompanyProfile(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'data', 'companies', `${ticker}.json`), 'utf8')));

describe('company metrics, hand-checked on a round-number miner (docs/methodology.md §4)', () => {
  const m = companyMetrics(syntheticProfile(), market);

  it.each([
    ['btcPerDay', BTC_PER_DAY],
    ['miningRevenueUsdPerDay', BTC_PER_DAY * 100_000],
    ['fleetPowerMw', 180],
    ['powerCostUsdPerDay', POWER_PER_DAY],
    ['powerCostPerBtcUsd', POWER_PER_DAY / BTC_PER_DAY],
    ['directCostPerBtcUsd', (POWER_PER_DAY + PER_DAY.otherDirect) / BTC_PER_DAY],
    ['cashCostPerBtcUsd', (POWER_PER_DAY + PER_DAY.otherDirect + PER_DAY.sga) / BTC_PER_DAY],
    ['allInCostPerBtcUsd', (POWER_PER_DAY + PER_DAY.otherDirect + PER_DAY.sga + PER_DAY.interest) / BTC_PER_DAY],
    ['totalCostPerBtcUsd', (POWER_PER_DAY + PER_DAY.otherDirect + PER_DAY.sga + PER_DAY.depreciation + PER_DAY.sbc) / BTC_PER_DAY],
    ['powerHashcostUsdPerPhDay', 24], // 20 J/TH × $0.05/kWh × 24 h
    ['directHashcostUsdPerPhDay', 316_000 / 9_000],
    ['realizedHashpriceUsdPerPhDay', (BTC_PER_DAY * 100_000) / 9_000],
    ['ebitdaRunRateUsdPerYear', (BTC_PER_DAY * 100_000 - POWER_PER_DAY - PER_DAY.otherDirect - PER_DAY.sga) * 365.25],
    ['marketCapUsd', 2e9],
    ['enterpriseValueUsd', 2.2e9], // 2.0B + 0.3B debt − 0.1B cash
    ['enterpriseValueNetOfBtcUsd', 2.1e9], // − 1,000 BTC × $100,000
    ['evPerInstalledEhUsd', 2.2e9 / 10],
    ['evPerOperatingEhUsd', 2.2e9 / 9],
    ['mNavBasic', 20],
    ['mNavEv', 22],
    ['shutdownBtcPriceUsd', POWER_PER_DAY / BTC_PER_DAY],
    ['breakEvenBtcPriceUsd', (POWER_PER_DAY + PER_DAY.otherDirect + PER_DAY.sga + PER_DAY.interest) / BTC_PER_DAY],
    ['liquidityUsd', 2e8], // $100M cash + 1,000 BTC at $100,000
    ['netCashFlowUsdPerMonth', (BTC_PER_DAY * 100_000 - 566_000) * 30.4375],
    ['liquidityRunwayMonths', 2e8 / ((566_000 - BTC_PER_DAY * 100_000) * 30.4375)],
  ] as const)('given the fixture at $100,000/BTC and D = 150 T, when metrics are computed, then %s is the hand value', (name, expected) => {
    expect(m[name]).not.toBeNull();
    expect((m[name] as number) / expected).toBeCloseTo(1, 10);
  });

  it('given the fixture, when metrics are computed, then the assumptions in force and the lineage are echoed', () => {
    expect(m.assumptions).toEqual({ uptime: 1, poolFee: 0, miningShareOfOverhead: 1, hpcNoiMarginRatio: 0.85, liquidityIncludesBtc: true });
    expect(m.methodologyVersion).toMatch(/^hashdesk\.economics\.company\/\d+$/);
    expect(m.hashrateBasis).toBe('operating');
    expect(m.powerPriceSource).toBe('profile-average');
    expect(m.missingInputs).toEqual({});
  });

  it('given half the overhead allocated to mining, when costs per BTC are computed, then direct is unchanged and all-in carries half the SG&A and interest', () => {
    const half = companyMetrics(syntheticProfile(), market, { miningShareOfOverhead: 0.5 });
    expect(half.directCostPerBtcUsd).toBeCloseTo(m.directCostPerBtcUsd as number, 9);
    expect(half.allInCostPerBtcUsd).toBeCloseTo((316_000 + 0.5 * 250_000) / BTC_PER_DAY, 6);
    expect(half.ebitdaRunRateUsdPerYear).toBeCloseTo(m.ebitdaRunRateUsdPerYear as number, 3); // company level takes all of it
  });
});

describe('the cost-per-BTC definitions are separate and ordered (docs/methodology.md §4.1)', () => {
  it('given any miner and market, when costs per BTC are computed, then power ≤ direct ≤ cash ≤ all-in and cash ≤ total (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          operatingHashrateEhs: fc.double({ min: 0.5, max: 100, noNaN: true }),
          efficiencyJth: fc.double({ min: 10, max: 40, noNaN: true }),
          powerUsdPerKwh: fc.double({ min: 0.01, max: 0.12, noNaN: true }),
          otherDirectCostUsdInPeriod: fc.double({ min: 0, max: 1e8, noNaN: true }),
          sgaExSbcUsdInPeriod: fc.double({ min: 0, max: 1e8, noNaN: true }),
          interestExpenseUsdInPeriod: fc.double({ min: 0, max: 1e8, noNaN: true }),
        }),
        fc.double({ min: 20_000, max: 300_000, noNaN: true }),
        (profileOptions, btcPriceUsd) => {
          const r = companyMetrics(syntheticProfile(profileOptions), { ...market, btcPriceUsd });
          const [power, direct, cash, allIn, total] = [r.powerCostPerBtcUsd, r.directCostPerBtcUsd, r.cashCostPerBtcUsd, r.allInCostPerBtcUsd, r.totalCostPerBtcUsd] as number[];
          expect(power).toBeLessThanOrEqual(direct * (1 + 1e-12));
          expect(direct).toBeLessThanOrEqual(cash * (1 + 1e-12));
          expect(cash).toBeLessThanOrEqual(allIn * (1 + 1e-12));
          expect(cash).toBeLessThanOrEqual(total * (1 + 1e-12));
          expect(r.powerMarginRatio as number).toBeGreaterThanOrEqual((r.allInMarginRatio as number) - 1e-12);
        },
      ),
    );
  });

  it('given the TheMinerMag quiz fleet (17.5 J/TH at $50/MWh), when the company power hashcost is computed, then it is $21/PH/day (docs/methodology.md §2.4)', () => {
    const r = companyMetrics(syntheticProfile({ efficiencyJth: 17.5, powerUsdPerKwh: 0.05 }), market);
    expect(r.powerHashcostUsdPerPhDay).toBeCloseTo(21, 10);
  });
});

describe('unknown inputs give null with the missing inputs, never a default', () => {
  it('given no share count and no share price, when metrics are computed, then market cap, EV and mNAV are null and name both inputs', () => {
    const r = companyMetrics(syntheticProfile({ sharesOutstanding: null }), { ...market, sharePriceUsd: undefined });
    expect(r.marketCapUsd).toBeNull();
    expect(r.missingInputs.marketCapUsd).toEqual(['market.sharePriceUsd', 'balanceSheet.sharesOutstanding']);
    expect(r.enterpriseValueUsd).toBeNull();
    expect(r.missingInputs.mNavEv).toEqual(['market.sharePriceUsd', 'balanceSheet.sharesOutstanding']);
    expect(r.btcHoldingsUsd).toBe(100_000_000); // unaffected
  });

  it('given unknown other direct cost, when metrics are computed, then direct cost per BTC is null and names the profile figure or the assumption that would do', () => {
    const r = companyMetrics(syntheticProfile({ otherDirectCostUsdInPeriod: null }), market);
    expect(r.directCostPerBtcUsd).toBeNull();
    expect(r.missingInputs.directCostPerBtcUsd).toEqual(['opex.otherDirectCostUsdInPeriod|assumptions.otherDirectCostUsdPerBtc']);
    expect(r.powerCostPerBtcUsd).not.toBeNull();
  });

  it('given unknown other direct cost but a per-BTC assumption of $5,000, when metrics are computed, then direct = power + $5,000 per BTC', () => {
    const r = companyMetrics(syntheticProfile({ otherDirectCostUsdInPeriod: null }), market, { otherDirectCostUsdPerBtc: 5_000 });
    expect(r.directCostPerBtcUsd).toBeCloseTo(POWER_PER_DAY / BTC_PER_DAY + 5_000, 6);
    expect(r.assumptions.otherDirectCostUsdPerBtc).toBe(5_000);
  });

  it('given no operating hashrate, when metrics are computed, then installed × uptime × (1 − curtailment) is used and said so', () => {
    const r = companyMetrics(syntheticProfile({ operatingHashrateEhs: null, curtailmentRatio: 0.1 }), market, { uptime: 0.9 });
    expect(r.hashrateAtWorkEhs).toBeCloseTo(10 * 0.9 * 0.9, 12);
    expect(r.hashrateBasis).toBe('installed-times-uptime');
    expect(r.evPerOperatingEhUsd).toBeNull();
    expect(r.missingInputs.evPerOperatingEhUsd).toEqual(['fleet.operatingHashrateEhs']);
  });

  it('given no hashrate at all, when metrics are computed, then production is null and names either hashrate', () => {
    const r = companyMetrics(syntheticProfile({ operatingHashrateEhs: null, installedHashrateEhs: null }), market);
    expect(r.btcPerDay).toBeNull();
    expect(r.missingInputs.btcPerDay).toEqual(['fleet.operatingHashrateEhs|fleet.installedHashrateEhs']);
    expect(r.hashrateBasis).toBeNull();
  });

  it('given a company that holds no BTC, when mNAV is computed, then it is null as not meaningful (not as missing)', () => {
    const r = companyMetrics(syntheticProfile({ btcHeld: 0 }), market);
    expect(r.mNavBasic).toBeNull();
    expect(r.missingInputs.mNavBasic).toBeUndefined();
    expect(r.notMeaningful.mNavBasic).toBe('the company holds no BTC');
  });

  it('given a cash-generating company, when the runway is computed, then it is null as not meaningful: no burn', () => {
    const r = companyMetrics(syntheticProfile(), { ...market, btcPriceUsd: 300_000 });
    expect(r.netCashFlowUsdPerMonth as number).toBeGreaterThan(0);
    expect(r.liquidityRunwayMonths).toBeNull();
    expect(r.notMeaningful.liquidityRunwayMonths).toMatch(/no cash burn/);
  });
});

describe('power price and credits', () => {
  it('given credits of $9.2M in the period and a price not net of credits, when the power cost is computed, then $100,000/day is subtracted', () => {
    const r = companyMetrics(syntheticProfile({ creditsUsdInPeriod: 9_200_000 }), market);
    expect(r.powerCostUsdPerDay).toBeCloseTo(POWER_PER_DAY - 100_000, 6);
    expect(r.powerCreditsApplied).toBe(true);
  });

  it('given the same credits and a price already net of credits (Riot\'s all-in), when the power cost is computed, then nothing is subtracted again', () => {
    const r = companyMetrics(syntheticProfile({ creditsUsdInPeriod: 9_200_000, priceBasis: 'all-in-net-of-credits' }), market);
    expect(r.powerCostUsdPerDay).toBeCloseTo(POWER_PER_DAY, 6);
    expect(r.powerCreditsApplied).toBe(false);
  });

  it('given credits in the profile and a market override, when the power cost is computed, then the override is taken as all-in and no credits are subtracted', () => {
    const r = companyMetrics(syntheticProfile({ creditsUsdInPeriod: 9_200_000 }), { ...market, powerUsdPerKwh: 0.05 });
    expect(r.powerCostUsdPerDay).toBeCloseTo(POWER_PER_DAY, 6);
    expect(r.powerCreditsApplied).toBe(false);
  });

  it('given a market override of 3 c/kWh and a factor of 1.3, when the power cost is computed, then 3.9 c/kWh is used from the override', () => {
    const r = companyMetrics(syntheticProfile(), { ...market, powerUsdPerKwh: 0.03, powerPriceFactor: 1.3 });
    expect(r.powerUsdPerKwh).toBeCloseTo(0.039, 12);
    expect(r.powerPriceSource).toBe('market-override');
  });

  it('given no average price but two site contracts (100 MW at 3 c, 300 MW at 5 c), when metrics are computed, then the MW-weighted 4.5 c/kWh is used', () => {
    const base = syntheticProfile({ powerUsdPerKwh: null });
    const contract = (name: string, mw: number, price: number | null) => ({ name, kind: 'fixed-price' as const, capacityMw: fig(mw), priceUsdPerKwh: fig(price), termYears: fig(5) });
    const r = companyMetrics({ ...base, power: { ...base.power, contracts: [contract('A', 100, 0.03), contract('B', 300, 0.05)] } }, market);
    expect(r.powerUsdPerKwh).toBeCloseTo(0.045, 12);
    expect(r.powerPriceSource).toBe('profile-contracts-mw-weighted');
    const unknownPrice = companyMetrics({ ...base, power: { ...base.power, contracts: [contract('A', 100, 0.03), contract('B', 300, null)] } }, market);
    expect(unknownPrice.missingInputs.powerUsdPerKwh).toEqual(['market.powerUsdPerKwh|power.averagePriceUsdPerKwh|power.contracts[1].priceUsdPerKwh']);
  });

  it('given no power price anywhere, when metrics are computed, then the power cost names the override, the profile price or the reported power bill', () => {
    const r = companyMetrics(syntheticProfile({ powerUsdPerKwh: null }), market);
    expect(r.missingInputs.powerCostPerBtcUsd).toEqual(['market.powerUsdPerKwh|power.averagePriceUsdPerKwh|opex.powerCostUsdInPeriod']);
    expect(r.powerCostBasis).toBeNull();
  });

  it('given no J/TH but the quarter\'s reported power bill and credits, when metrics are computed, then the bill net of credits per day is the power cost (hand calculation)', () => {
    const base = syntheticProfile({ powerUsdPerKwh: null }) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const fig = (value: number | null) => ({ value, asOf: value === null ? null : '2025-Q3', source: value === null ? null : 'https://example.com/10-q' });
    const profile = {
      ...base,
      fleet: { ...base.fleet, efficiencyJth: fig(null) },
      power: { ...base.power, creditsUsdInPeriod: fig(9_200_000) },
      opex: { ...base.opex, powerCostUsdInPeriod: fig(101_200_000) },
    } as unknown as CompanyProfile;
    const r = companyMetrics(profile, market);
    // (101.2 M − 9.2 M) / 92 days (Q3) = 1.0 M USD per day.
    expect(r.powerCostUsdPerDay).toBeCloseTo(1_000_000, 6);
    expect(r.powerCostBasis).toBe('reported-period-power-cost');
    expect(r.powerCostPerBtcUsd).toBeCloseTo(1_000_000 / (r.btcPerDay as number), 6);
    const stressed = companyMetrics(profile, { ...market, powerPriceFactor: 1.3 });
    expect(stressed.powerCostUsdPerDay).toBeCloseTo(1_300_000, 6);
  });
});

describe('HPC NOI in the EBITDA run-rate (docs/methodology.md §4.4)', () => {
  it('given an operating TeraWulf-like lease ($3.7B/10y) at the 85 % default margin, when EBITDA is computed, then it adds ~$314.5M/yr', () => {
    const without = companyMetrics(syntheticProfile(), market);
    const withLease = companyMetrics(syntheticProfile({ hpcContracts: [lease()] }), market);
    expect(withLease.hpcNoiUsdPerYear).toBeCloseTo(314.5e6, 0);
    expect((withLease.ebitdaRunRateUsdPerYear as number) - (without.ebitdaRunRateUsdPerYear as number)).toBeCloseTo(314.5e6, 0);
    expect(withLease.hpcContractsInRunRate).toEqual(['Tenant']);
  });

  it('given a signed lease that is not yet delivering, when EBITDA is computed, then it is not in the run-rate', () => {
    const r = companyMetrics(syntheticProfile({ hpcContracts: [lease({ phase: 'contracted' })] }), market);
    expect(r.hpcNoiUsdPerYear).toBe(0);
  });

  it('given an operating GPU cloud contract without a stated NOI margin, when EBITDA is computed, then it is null and names the margin (no lease default for cloud services)', () => {
    const r = companyMetrics(syntheticProfile({ hpcContracts: [lease({ contractType: 'cloud-service' })] }), market);
    expect(r.ebitdaRunRateUsdPerYear).toBeNull();
    expect(r.missingInputs.hpcNoiUsdPerYear).toEqual(['hpcContracts[0].noiMarginRatio']);
  });
});

describe('shipped profiles in the September 2025 market', () => {
  // Sept 2025 (network-daily.csv): harmonic-mean difficulty 137.63 T, 0.026764 BTC fees/block; Riot sold BTC at $113,043 average in September.
  const sept: MarketInputs = { btcPriceUsd: 113_043, difficulty: 137.6298e12, height: 915_000, feesBtcPerBlock: 0.026764 };

  it('given the RIOT profile, when metrics are computed, then production is Riot\'s reported 14.8 BTC/day and power cost per BTC sits below its published Q3 direct cost of $46,324', () => {
    const r = companyMetrics(loadShipped('riot'), sept);
    expect(r.hashrateBasis).toBe('operating');
    expect(r.btcPerDay).toBeCloseTo(14.8, 1);
    expect(r.powerCostPerBtcUsd as number).toBeLessThan(46_324); // direct = power + other direct − credits (coinalertnews.com)
    expect(r.powerCostPerBtcUsd as number).toBeGreaterThan(0.8 * 46_324); // power is most of direct cost (HIVE: ~88 %)
    expect(r.reportedCostsPerBtc[0]).toMatchObject({ definition: 'direct', value: 46_324 });
    expect(r.missingInputs.directCostPerBtcUsd).toEqual(['opex.otherDirectCostUsdInPeriod|assumptions.otherDirectCostUsdPerBtc']);
  });

  it('given RIOT with a share price but no total debt in the profile, when valued, then market cap and basic mNAV are known and EV is null naming totalDebtUsd', () => {
    const r = companyMetrics(loadShipped('riot'), { ...sept, sharePriceUsd: 15 });
    expect(r.marketCapUsd).toBeCloseTo(15 * 371_807_186, 0);
    expect(r.mNavBasic).toBeCloseTo((15 * 371_807_186) / (19_287 * 113_043), 12);
    expect(r.enterpriseValueUsd).toBeNull();
    expect(r.missingInputs.enterpriseValueUsd).toEqual(['balanceSheet.totalDebtUsd']);
  });

  it('given CORZ (a hosting business whose revenue is unknown), when metrics are computed, then EBITDA is null naming the hosting figures', () => {
    const r = companyMetrics(loadShipped('corz'), sept, { otherDirectCostUsdPerBtc: 1, sgaExSbcUsdPerBtc: 1 });
    expect(r.ebitdaRunRateUsdPerYear).toBeNull();
    expect(r.missingInputs.hostingProfitUsdPerYear).toEqual(['hosting.revenueUsdInPeriod', 'hosting.costUsdInPeriod']);
  });

  it('given HUT (no hashrate in the snapshot), when metrics are computed, then production is null with its missing input, and BTC holdings are valued', () => {
    const r = companyMetrics(loadShipped('hut'), sept);
    expect(r.btcPerDay).toBeNull();
    expect(r.missingInputs.btcPerDay).toEqual(['fleet.operatingHashrateEhs|fleet.installedHashrateEhs']);
    expect(r.btcHoldingsUsd).toBeCloseTo(13_696 * 113_043, 0);
  });
});

describe('the compiled run-rate model (Monte Carlo path) agrees with companyMetrics', () => {
  it('given any market, when both are evaluated, then BTC/day, power and all-in cost per BTC, hashcost, margin and cash flow agree (property)', () => {
    const profile = syntheticProfile({ creditsUsdInPeriod: 4_600_000, hpcContracts: [lease()] });
    const prepared = prepareCompanyRunRate(profile);
    expect(prepared.missingInputs).toBeNull();
    const model = prepared.model;
    if (model === null) throw new Error('the fixture compiles');
    const out = emptyCompanyRunRate();
    fc.assert(
      fc.property(
        fc.double({ min: 10_000, max: 500_000, noNaN: true }),
        fc.double({ min: 50e12, max: 500e12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (btcPriceUsd, difficulty, feesBtcPerBlock, powerPriceFactor) => {
          const full = companyMetrics(profile, { btcPriceUsd, difficulty, subsidyBtc: 3.125, feesBtcPerBlock, powerPriceFactor });
          evaluateCompanyRunRate(model, btcPriceUsd, difficulty, 3.125 + feesBtcPerBlock, powerPriceFactor, out);
          expect(out.btcPerDay / (full.btcPerDay as number)).toBeCloseTo(1, 12);
          expect(out.powerCostPerBtcUsd / (full.powerCostPerBtcUsd as number)).toBeCloseTo(1, 10);
          expect(out.allInCostPerBtcUsd / (full.allInCostPerBtcUsd as number)).toBeCloseTo(1, 10);
          expect(out.allInHashcostUsdPerPhDay / (full.allInHashcostUsdPerPhDay as number)).toBeCloseTo(1, 10);
          expect(out.allInMarginRatio).toBeCloseTo(full.allInMarginRatio as number, 9);
          expect(out.netCashFlowUsdPerDay * 30.4375).toBeCloseTo(full.netCashFlowUsdPerMonth as number, 1);
        },
      ),
    );
  });

  it('given a profile missing its opex, when compiled, then no model is returned and the missing inputs are listed', () => {
    const prepared = prepareCompanyRunRate(syntheticProfile({ sgaExSbcUsdInPeriod: null }));
    expect(prepared.model).toBeNull();
    expect(prepared.missingInputs).toEqual(['opex.sgaExSbcUsdInPeriod|assumptions.sgaExSbcUsdPerBtc']);
  });
});

describe('market and assumption validation', () => {
  it.each([
    { case: 'zero difficulty', badMarket: { ...market, difficulty: 0 }, assumptions: {}, message: 'difficulty: must be greater than 0' },
    { case: 'height and subsidy both', badMarket: { ...market, height: 900_000 }, assumptions: {}, message: 'subsidyBtc: cannot be combined with height' },
    { case: 'no subsidy', badMarket: { btcPriceUsd: 1, difficulty: 1e12, feesBtcPerBlock: 0 }, assumptions: {}, message: 'subsidyBtc: is required (give height or subsidyBtc)' },
    { case: 'no fees', badMarket: { btcPriceUsd: 1, difficulty: 1e12, subsidyBtc: 3.125 }, assumptions: {}, message: /^feesBtcPerBlock: is required/ },
    { case: 'uptime as a percent', badMarket: market, assumptions: { uptime: 95 }, message: 'uptime: must be between 0 and 1, as a ratio not a percent' },
    { case: 'negative opex assumption', badMarket: market, assumptions: { otherDirectCostUsdPerBtc: -1 }, message: 'otherDirectCostUsdPerBtc: must be 0 or more' },
  ])('given $case, when metrics are computed, then the error names the field and the rule', ({ badMarket, assumptions, message }) => {
    expect(() => companyMetrics(syntheticProfile(), badMarket as MarketInputs, assumptions)).toThrow(message);
  });
});
