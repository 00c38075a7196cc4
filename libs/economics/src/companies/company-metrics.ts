import { derive, explainKnowns, input, known, meaningfulIf, missing, type Known } from '../shared/known-value.util';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from '../shared/calendar.util';
import { PH_PER_EH } from '../shared/units';
import type { CompanyProfile, HpcContract, ReportedCostPerBtc } from './company-profile';
import { resolveCompanyAssumptions, type CompanyAssumptions } from './company-assumptions';
import { resolveMarket, type MarketInputs, type ResolvedMarket } from './market-inputs';
import { METHODOLOGY_VERSION } from './methodology-version';
import { miningCore, type HashrateBasis, type PowerCostBasis, type PowerPriceSource } from './mining-core';

/*
 * Company run-rate metrics from a profile and a market state (docs/methodology.md §4). The profile's period
 * figures (opex, credits) are turned into per-day amounts over the period's days; production comes
 * from the hashrate at work at today's difficulty, fees and pool fee. Every cost per BTC names its
 * definition (docs/methodology.md §4.1):
 *   power  = net power cost                                   ÷ BTC mined
 *   direct = power + other direct cost                        ÷ BTC mined   (Riot "Cost to Mine", ex-depreciation)
 *   cash   = direct + s·SG&A ex-SBC                           ÷ BTC mined   (CoinShares cash cost)
 *   all-in = direct + s·(SG&A ex-SBC + interest)              ÷ BTC mined   (TheMinerMag)
 *   total  = cash + s·(depreciation + SBC)                    ÷ BTC mined   (CoinShares incl. non-cash)
 * with s = assumptions.miningShareOfOverhead. Hashcost = the same daily cost ÷ PH/s at work.
 */

export const COMPANY_METRIC_NAMES = [
  'hashrateAtWorkEhs',
  'fleetPowerMw',
  'powerUsdPerKwh',
  'btcPerDay',
  'miningRevenueUsdPerDay',
  'realizedHashpriceUsdPerPhDay',
  'powerCreditsUsdPerDay',
  'powerCostUsdPerDay',
  'powerCostPerBtcUsd',
  'directCostPerBtcUsd',
  'cashCostPerBtcUsd',
  'allInCostPerBtcUsd',
  'totalCostPerBtcUsd',
  'powerHashcostUsdPerPhDay',
  'directHashcostUsdPerPhDay',
  'cashHashcostUsdPerPhDay',
  'allInHashcostUsdPerPhDay',
  'powerMarginRatio',
  'directMarginRatio',
  'allInMarginRatio',
  'miningGrossProfitUsdPerYear',
  'hostingProfitUsdPerYear',
  'hpcNoiUsdPerYear',
  'sgaExSbcUsdPerYear',
  'ebitdaRunRateUsdPerYear',
  'btcHoldingsUsd',
  'marketCapUsd',
  'enterpriseValueUsd',
  'enterpriseValueNetOfBtcUsd',
  'evPerInstalledEhUsd',
  'evPerOperatingEhUsd',
  'mNavBasic',
  'mNavEv',
  'shutdownBtcPriceUsd',
  'breakEvenBtcPriceUsd',
  'liquidityUsd',
  'netCashFlowUsdPerMonth',
  'liquidityRunwayMonths',
] as const;

export type CompanyMetricName = (typeof COMPANY_METRIC_NAMES)[number];


export type CompanyMetrics = Readonly<Record<CompanyMetricName, number | null>> & {
  readonly ticker: string;
  readonly name: string;
  readonly asOf: string;
  readonly periodLabel: string;
  readonly methodologyVersion: string;
  /** The assumptions in force, defaults filled in. */
  readonly assumptions: CompanyAssumptions;
  readonly market: ResolvedMarket;
  /** How hashrateAtWorkEhs was obtained; null when it is unknown. */
  readonly hashrateBasis: HashrateBasis | null;
  readonly powerPriceSource: PowerPriceSource | null;
  /** The fleet's draw × the power price, or (no J/TH published) the period's reported power bill. */
  readonly powerCostBasis: PowerCostBasis | null;
  /** True when the profile's period credits were subtracted from the power cost. */
  readonly powerCreditsApplied: boolean;
  /** Counterparties of the operating HPC contracts counted in hpcNoiUsdPerYear. */
  readonly hpcContractsInRunRate: readonly string[];
  /** The profile's published costs per BTC, each with its definition, for comparison. */
  readonly reportedCostsPerBtc: readonly ReportedCostPerBtc[];
  /** For each null metric whose inputs are unknown: the inputs it needs (`a|b` = either). */
  readonly missingInputs: Readonly<Partial<Record<CompanyMetricName, readonly string[]>>>;
  /** For each null metric whose inputs are known but the value means nothing: why. */
  readonly notMeaningful: Readonly<Partial<Record<CompanyMetricName, string>>>;
};

/** All company metrics of docs/methodology.md §4 for one profile in one market state. */
export function companyMetrics(profile: CompanyProfile, market: MarketInputs, assumptionOverrides: Partial<CompanyAssumptions> = {}): CompanyMetrics {
  const assumptions = resolveCompanyAssumptions(assumptionOverrides);
  const m = resolveMarket(market);
  const core = miningCore(profile, m, assumptions);
  const periodDays = core.periodDays;
  const { fleet, balanceSheet } = profile;
  const share = assumptions.miningShareOfOverhead;

  // ── costs per BTC, hashcost, margins ──────────────────────────────────────────────────────────
  const perBtc = (costPerDay: Known) => derive([costPerDay, core.btcPerDayPositive], (cost, btc) => cost / btc);
  const perPh = (costPerDay: Known) => derive([costPerDay, core.hashrateAtWorkPositive], (cost, ehs) => cost / (ehs * PH_PER_EH));
  const directPerDay = derive([core.powerCostUsdPerDay, core.otherDirectUsdPerDay], (power, other) => power + other);
  const cashPerDay = derive([directPerDay, core.sgaUsdPerDay], (direct, sga) => direct + share * sga);
  const allInPerDay = derive([directPerDay, core.sgaUsdPerDay, core.interestUsdPerDay], (direct, sga, interest) => direct + share * (sga + interest));
  const totalPerDay = derive([cashPerDay, core.depreciationUsdPerDay, core.sbcUsdPerDay], (cash, dep, sbc) => cash + share * (dep + sbc));
  const powerCostPerBtcUsd = perBtc(core.powerCostUsdPerDay);
  const directCostPerBtcUsd = perBtc(directPerDay);
  const allInCostPerBtcUsd = perBtc(allInPerDay);
  const margin = (costPerBtc: Known) => derive([costPerBtc], (cost) => 1 - cost / m.btcPriceUsd);

  // ── run-rate P&L (company level: all overhead) ────────────────────────────────────────────────
  const miningGrossPerDay = derive([core.miningRevenueUsdPerDay, directPerDay], (revenue, direct) => revenue - direct);
  const hostingPerDay = hostingProfitUsdPerDay(profile, periodDays);
  const hpc = hpcNoiUsdPerDay(profile.hpcContracts, assumptions.hpcNoiMarginRatio);
  const ebitdaPerDay = derive([miningGrossPerDay, hostingPerDay, hpc.noiUsdPerDay, core.sgaUsdPerDay], (mining, hosting, hpcNoi, sga) => mining + hosting + hpcNoi - sga);
  const cashFlowPerDay = derive([ebitdaPerDay, core.interestUsdPerDay], (ebitda, interest) => ebitda - interest);

  // ── capital structure ─────────────────────────────────────────────────────────────────────────
  const btcHeld = input('balanceSheet.btcHeld', balanceSheet.btcHeld.value);
  const btcHoldingsUsd = derive([btcHeld], (btc) => btc * m.btcPriceUsd);
  const marketCapUsd = derive([input('market.sharePriceUsd', m.sharePriceUsd), input('balanceSheet.sharesOutstanding', balanceSheet.sharesOutstanding.value)], (price, shares) => price * shares);
  const preferred = balanceSheet.preferredEquityUsd === undefined ? known(0) : input('balanceSheet.preferredEquityUsd', balanceSheet.preferredEquityUsd.value);
  const cash = input('balanceSheet.cashUsd', balanceSheet.cashUsd.value);
  const enterpriseValueUsd = derive([marketCapUsd, input('balanceSheet.totalDebtUsd', balanceSheet.totalDebtUsd.value), preferred, cash], (cap, debt, pref, c) => cap + debt + pref - c);
  const btcValueForMnav = meaningfulIf(btcHoldingsUsd, (value) => value > 0, 'the company holds no BTC');
  const installed = meaningfulIf(input('fleet.installedHashrateEhs', fleet.installedHashrateEhs.value), (v) => v > 0, 'installed hashrate is 0');
  const operating = meaningfulIf(input('fleet.operatingHashrateEhs', fleet.operatingHashrateEhs.value), (v) => v > 0, 'operating hashrate is 0');

  // ── break-even and liquidity ──────────────────────────────────────────────────────────────────
  const cashCostsNetOfOtherIncomePerDay = derive([directPerDay, core.sgaUsdPerDay, core.interestUsdPerDay, hostingPerDay, hpc.noiUsdPerDay], (direct, sga, interest, hosting, hpcNoi) => direct + sga + interest - hosting - hpcNoi);
  const liquidityUsd = assumptions.liquidityIncludesBtc ? derive([cash, btcHoldingsUsd], (c, btc) => c + btc) : cash;
  const netCashFlowUsdPerMonth = derive([cashFlowPerDay], (flow) => flow * DAYS_PER_MONTH);
  const burn = meaningfulIf(netCashFlowUsdPerMonth, (flow) => flow < 0, 'net cash flow is not negative: no cash burn');

  const knowns: Record<CompanyMetricName, Known> = {
    hashrateAtWorkEhs: core.hashrateAtWorkEhs,
    fleetPowerMw: core.fleetPowerMw,
    powerUsdPerKwh: core.powerUsdPerKwh,
    btcPerDay: core.btcPerDay,
    miningRevenueUsdPerDay: core.miningRevenueUsdPerDay,
    realizedHashpriceUsdPerPhDay: perPh(core.miningRevenueUsdPerDay),
    powerCreditsUsdPerDay: core.powerCreditsUsdPerDay,
    powerCostUsdPerDay: core.powerCostUsdPerDay,
    powerCostPerBtcUsd,
    directCostPerBtcUsd,
    cashCostPerBtcUsd: perBtc(cashPerDay),
    allInCostPerBtcUsd,
    totalCostPerBtcUsd: perBtc(totalPerDay),
    powerHashcostUsdPerPhDay: perPh(core.powerCostUsdPerDay),
    directHashcostUsdPerPhDay: perPh(directPerDay),
    cashHashcostUsdPerPhDay: perPh(cashPerDay),
    allInHashcostUsdPerPhDay: perPh(allInPerDay),
    powerMarginRatio: margin(powerCostPerBtcUsd),
    directMarginRatio: margin(directCostPerBtcUsd),
    allInMarginRatio: margin(allInCostPerBtcUsd),
    miningGrossProfitUsdPerYear: perYear(miningGrossPerDay),
    hostingProfitUsdPerYear: perYear(hostingPerDay),
    hpcNoiUsdPerYear: perYear(hpc.noiUsdPerDay),
    sgaExSbcUsdPerYear: perYear(core.sgaUsdPerDay),
    ebitdaRunRateUsdPerYear: perYear(ebitdaPerDay),
    btcHoldingsUsd,
    marketCapUsd,
    enterpriseValueUsd,
    enterpriseValueNetOfBtcUsd: derive([enterpriseValueUsd, btcHoldingsUsd], (ev, btc) => ev - btc),
    evPerInstalledEhUsd: derive([enterpriseValueUsd, installed], (ev, ehs) => ev / ehs),
    evPerOperatingEhUsd: derive([enterpriseValueUsd, operating], (ev, ehs) => ev / ehs),
    mNavBasic: derive([marketCapUsd, btcValueForMnav], (cap, btc) => cap / btc),
    mNavEv: derive([enterpriseValueUsd, btcValueForMnav], (ev, btc) => ev / btc),
    shutdownBtcPriceUsd: powerCostPerBtcUsd,
    breakEvenBtcPriceUsd: derive([cashCostsNetOfOtherIncomePerDay, core.btcPerDayPositive], (cost, btc) => Math.max(0, cost / btc)),
    liquidityUsd,
    netCashFlowUsdPerMonth,
    liquidityRunwayMonths: derive([liquidityUsd, burn], (liquidity, flow) => Math.max(0, liquidity) / -flow),
  };
  const explained = explainKnowns(knowns);
  // an explicit literal keeps one fixed object shape (a spread of computed keys is ~10× slower)
  return {
    ticker: profile.ticker,
    name: profile.name,
    asOf: profile.asOf,
    periodLabel: profile.period.label,
    methodologyVersion: METHODOLOGY_VERSION,
    assumptions,
    market: m,
    hashrateBasis: core.hashrateBasis,
    powerPriceSource: core.powerPriceSource,
    powerCostBasis: core.powerCostBasis,
    powerCreditsApplied: core.powerCreditsApplied,
    hpcContractsInRunRate: hpc.counterparties,
    reportedCostsPerBtc: profile.production.reportedCostsPerBtc,
    hashrateAtWorkEhs: knowns.hashrateAtWorkEhs.value,
    fleetPowerMw: knowns.fleetPowerMw.value,
    powerUsdPerKwh: knowns.powerUsdPerKwh.value,
    btcPerDay: knowns.btcPerDay.value,
    miningRevenueUsdPerDay: knowns.miningRevenueUsdPerDay.value,
    realizedHashpriceUsdPerPhDay: knowns.realizedHashpriceUsdPerPhDay.value,
    powerCreditsUsdPerDay: knowns.powerCreditsUsdPerDay.value,
    powerCostUsdPerDay: knowns.powerCostUsdPerDay.value,
    powerCostPerBtcUsd: knowns.powerCostPerBtcUsd.value,
    directCostPerBtcUsd: knowns.directCostPerBtcUsd.value,
    cashCostPerBtcUsd: knowns.cashCostPerBtcUsd.value,
    allInCostPerBtcUsd: knowns.allInCostPerBtcUsd.value,
    totalCostPerBtcUsd: knowns.totalCostPerBtcUsd.value,
    powerHashcostUsdPerPhDay: knowns.powerHashcostUsdPerPhDay.value,
    directHashcostUsdPerPhDay: knowns.directHashcostUsdPerPhDay.value,
    cashHashcostUsdPerPhDay: knowns.cashHashcostUsdPerPhDay.value,
    allInHashcostUsdPerPhDay: knowns.allInHashcostUsdPerPhDay.value,
    powerMarginRatio: knowns.powerMarginRatio.value,
    directMarginRatio: knowns.directMarginRatio.value,
    allInMarginRatio: knowns.allInMarginRatio.value,
    miningGrossProfitUsdPerYear: knowns.miningGrossProfitUsdPerYear.value,
    hostingProfitUsdPerYear: knowns.hostingProfitUsdPerYear.value,
    hpcNoiUsdPerYear: knowns.hpcNoiUsdPerYear.value,
    sgaExSbcUsdPerYear: knowns.sgaExSbcUsdPerYear.value,
    ebitdaRunRateUsdPerYear: knowns.ebitdaRunRateUsdPerYear.value,
    btcHoldingsUsd: knowns.btcHoldingsUsd.value,
    marketCapUsd: knowns.marketCapUsd.value,
    enterpriseValueUsd: knowns.enterpriseValueUsd.value,
    enterpriseValueNetOfBtcUsd: knowns.enterpriseValueNetOfBtcUsd.value,
    evPerInstalledEhUsd: knowns.evPerInstalledEhUsd.value,
    evPerOperatingEhUsd: knowns.evPerOperatingEhUsd.value,
    mNavBasic: knowns.mNavBasic.value,
    mNavEv: knowns.mNavEv.value,
    shutdownBtcPriceUsd: knowns.shutdownBtcPriceUsd.value,
    breakEvenBtcPriceUsd: knowns.breakEvenBtcPriceUsd.value,
    liquidityUsd: knowns.liquidityUsd.value,
    netCashFlowUsdPerMonth: knowns.netCashFlowUsdPerMonth.value,
    liquidityRunwayMonths: knowns.liquidityRunwayMonths.value,
    missingInputs: explained.missingInputs,
    notMeaningful: explained.notMeaningful,
  };
}

function perYear(perDay: Known): Known {
  return derive([perDay], (value) => value * DAYS_PER_YEAR);
}

export function hostingProfitUsdPerDay(profile: CompanyProfile, periodDays: number): Known {
  if (profile.hosting === undefined) return known(0);
  const { revenueUsdInPeriod, costUsdInPeriod } = profile.hosting;
  return derive([input('hosting.revenueUsdInPeriod', revenueUsdInPeriod.value), input('hosting.costUsdInPeriod', costUsdInPeriod.value)], (revenue, cost) => (revenue - cost) / periodDays);
}

/**
 * NOI margin of a contract: its own, else the default for colocation leases. A GPU cloud service
 * contract carries GPU and operating costs a lease does not, so it has no default: unknown.
 */
export function hpcNoiMargin(contract: HpcContract, index: number, defaultNoiMarginRatio: number): Known {
  if (contract.noiMarginRatio.value !== null) return known(contract.noiMarginRatio.value);
  return contract.contractType === 'colocation-lease' ? known(defaultNoiMarginRatio) : missing(`hpcContracts[${index}].noiMarginRatio`);
}

/** NOI per day of the contracts in phase `operating` (TCV / term × NOI margin / 365.25). */
export function hpcNoiUsdPerDay(contracts: readonly HpcContract[], defaultNoiMarginRatio: number): { noiUsdPerDay: Known; counterparties: string[] } {
  const operating = contracts.map((contract, index) => ({ contract, index })).filter(({ contract }) => contract.phase === 'operating');
  const parts = operating.map(({ contract, index }) =>
    derive(
      [
        input(`hpcContracts[${index}].contractValueUsd`, contract.contractValueUsd.value),
        input(`hpcContracts[${index}].termYears`, contract.termYears.value),
        hpcNoiMargin(contract, index, defaultNoiMarginRatio),
      ],
      (tcv, years, margin) => ((tcv / years) * margin) / DAYS_PER_YEAR,
    ),
  );
  return { noiUsdPerDay: derive(parts, (...values) => values.reduce((sum, value) => sum + value, 0)), counterparties: operating.map(({ contract }) => contract.counterparty) };
}
