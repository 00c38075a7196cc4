import { derive, explainKnowns, input, known, meaningfulIf, missing, type Known } from '../shared/known-value.util';
import { DAYS_PER_MONTH, daysInclusive, monthsBetween } from '../shared/calendar.util';
import type { CompanyProfile, HpcContract, HpcContractPhase, HpcContractType } from '../companies/company-profile';
import { resolveCompanyAssumptions, type CompanyAssumptions } from '../companies/company-assumptions';
import { hpcNoiMargin } from '../companies/company-metrics';
import { resolveMarket, type MarketInputs, type ResolvedMarket } from '../companies/market-inputs';
import { METHODOLOGY_VERSION } from '../companies/methodology-version';
import { creditsApply, hashrateAtWork, periodCost, powerPrice } from '../companies/mining-core';
import { hpcContractValuation } from './hpc-valuation';
import { miningDcf, type MiningDcfResult } from './mining-dcf';
import { resolveValuationAssumptions, type ValuationAssumptions } from './valuation-assumptions';

/*
 * A company valued by its parts (docs/methodology.md §4.3–4.4):
 *   mining  = DCF of the fleet at work (mining-dcf.ts) with the profile's power price, credits and
 *             cash costs (other direct + allocated SG&A ex-SBC; interest belongs to net debt)
 *   HPC     = Σ contracts' after-tax NOI PV less remaining build capex (hpc-valuation.ts);
 *             cross-check: critical-IT MW × an EV-per-MW multiple, and the implied EV/MW
 *   SOTP    = mining + HPC + BTC held × price − (total debt + preferred − cash), per share vs the price.
 * Unknown inputs make the affected values null with missingInputs, as in companyMetrics.
 */

export const COMPANY_VALUATION_NAMES = [
  'miningValueUsd',
  'hpcValueUsd',
  'hpcCriticalItMw',
  'impliedHpcEvPerMwUsd',
  'hpcValueByEvPerMwUsd',
  'btcHoldingsUsd',
  'netDebtUsd',
  'equityValueUsd',
  'equityValuePerShareUsd',
  'upsideToSharePriceRatio',
] as const;

export type CompanyValuationName = (typeof COMPANY_VALUATION_NAMES)[number];

export interface HpcContractValue {
  readonly counterparty: string;
  readonly contractType: HpcContractType;
  readonly phase: HpcContractPhase;
  readonly criticalItMw: number | null;
  readonly annualNoiUsd: number | null;
  readonly noiPresentValueUsd: number | null;
  readonly presentValueUsd: number | null;
  readonly noiMarginRatio: number | null;
  readonly noiMarginSource: 'contract' | 'assumption' | null;
  readonly startDelayMonths: number;
  readonly startDelaySource: 'contract' | 'assumption';
  /** Build capex deducted; 0 with buildCapexDeducted false when neither the contract nor an assumption gives it. */
  readonly buildCapexUsd: number;
  readonly buildCapexDeducted: boolean;
  readonly missingInputs: readonly string[];
}

export type CompanyValuation = Readonly<Record<CompanyValuationName, number | null>> & {
  readonly ticker: string;
  readonly asOf: string;
  readonly valuationDate: string;
  readonly methodologyVersion: string;
  readonly assumptions: { readonly company: CompanyAssumptions; readonly valuation: ValuationAssumptions };
  readonly market: ResolvedMarket;
  /** The mining DCF summary (null when its inputs are unknown); monthly rows only when asked for. */
  readonly miningDcf: MiningDcfResult | null;
  readonly hpcContracts: readonly HpcContractValue[];
  /** Counterparties left out of hpcValueUsd (excludeIncompleteHpcContracts). */
  readonly excludedHpcContracts: readonly string[];
  readonly missingInputs: Readonly<Partial<Record<CompanyValuationName, readonly string[]>>>;
  readonly notMeaningful: Readonly<Partial<Record<CompanyValuationName, string>>>;
};

export interface CompanyValuationOptions {
  readonly company?: Partial<CompanyAssumptions>;
  readonly valuation?: Partial<ValuationAssumptions>;
  /** Include the DCF's monthly table. Default false. */
  readonly includeMonthlyRows?: boolean;
}

export function companyValuation(profile: CompanyProfile, market: MarketInputs, options: CompanyValuationOptions = {}): CompanyValuation {
  const company = resolveCompanyAssumptions(options.company);
  const valuation = resolveValuationAssumptions(options.valuation);
  const m = resolveMarket(market);
  const valuationDate = valuation.valuationDate ?? profile.asOf;

  const dcf = miningValue(profile, m, company, valuation, options.includeMonthlyRows ?? false);
  const valued = profile.hpcContracts.map((contract, index) => ({ index, value: valueHpcContract(contract, index, company, valuation, valuationDate) }));
  const contracts = valued.map(({ value }) => value);
  const counted = valuation.excludeIncompleteHpcContracts ? valued.filter(({ value }) => value.presentValueUsd !== null) : valued;
  const hpcValueUsd = derive(
    counted.map(({ value }) => (value.presentValueUsd === null ? missing(...value.missingInputs) : known(value.presentValueUsd))),
    (...values) => values.reduce((sum, v) => sum + v, 0),
  );
  const hpcMw = derive(
    counted.map(({ index, value }) => input(`hpcContracts[${index}].criticalItMw`, value.criticalItMw)),
    (...values) => values.reduce((sum, v) => sum + v, 0),
  );

  const { balanceSheet } = profile;
  const btcHoldingsUsd = derive([input('balanceSheet.btcHeld', balanceSheet.btcHeld.value)], (btc) => btc * m.btcPriceUsd);
  const preferred = balanceSheet.preferredEquityUsd === undefined ? known(0) : input('balanceSheet.preferredEquityUsd', balanceSheet.preferredEquityUsd.value);
  const netDebtUsd = derive(
    [input('balanceSheet.totalDebtUsd', balanceSheet.totalDebtUsd.value), preferred, input('balanceSheet.cashUsd', balanceSheet.cashUsd.value)],
    (debt, pref, cash) => debt + pref - cash,
  );
  const equityValueUsd = derive([dcf.value, hpcValueUsd, btcHoldingsUsd, netDebtUsd], (mining, hpc, btc, net) => mining + hpc + btc - net);
  const shares = meaningfulIf(input('balanceSheet.sharesOutstanding', balanceSheet.sharesOutstanding.value), (n) => n > 0, 'no shares outstanding');
  const equityValuePerShareUsd = derive([equityValueUsd, shares], (equity, n) => equity / n);

  const knowns: Record<CompanyValuationName, Known> = {
    miningValueUsd: dcf.value,
    hpcValueUsd,
    hpcCriticalItMw: hpcMw,
    impliedHpcEvPerMwUsd: derive([hpcValueUsd, meaningfulIf(hpcMw, (mw) => mw > 0, 'no HPC capacity')], (value, mw) => value / mw),
    hpcValueByEvPerMwUsd: derive([hpcMw, input('assumptions.hpcEvPerMwUsd', valuation.hpcEvPerMwUsd)], (mw, multiple) => mw * multiple),
    btcHoldingsUsd,
    netDebtUsd,
    equityValueUsd,
    equityValuePerShareUsd,
    upsideToSharePriceRatio: derive([equityValuePerShareUsd, input('market.sharePriceUsd', m.sharePriceUsd)], (perShare, price) => perShare / price - 1),
  };
  const explained = explainKnowns(knowns);
  return {
    ticker: profile.ticker,
    asOf: profile.asOf,
    valuationDate,
    methodologyVersion: METHODOLOGY_VERSION,
    assumptions: { company, valuation },
    market: m,
    miningValueUsd: knowns.miningValueUsd.value,
    hpcValueUsd: knowns.hpcValueUsd.value,
    hpcCriticalItMw: knowns.hpcCriticalItMw.value,
    impliedHpcEvPerMwUsd: knowns.impliedHpcEvPerMwUsd.value,
    hpcValueByEvPerMwUsd: knowns.hpcValueByEvPerMwUsd.value,
    btcHoldingsUsd: knowns.btcHoldingsUsd.value,
    netDebtUsd: knowns.netDebtUsd.value,
    equityValueUsd: knowns.equityValueUsd.value,
    equityValuePerShareUsd: knowns.equityValuePerShareUsd.value,
    upsideToSharePriceRatio: knowns.upsideToSharePriceRatio.value,
    miningDcf: dcf.result,
    hpcContracts: contracts,
    excludedHpcContracts: valuation.excludeIncompleteHpcContracts ? contracts.filter((c) => c.presentValueUsd === null).map((c) => c.counterparty) : [],
    missingInputs: explained.missingInputs,
    notMeaningful: explained.notMeaningful,
  };
}

/** The mining DCF from the profile; its value, or what it misses. */
function miningValue(profile: CompanyProfile, m: ResolvedMarket, company: CompanyAssumptions, valuation: ValuationAssumptions, includeMonthlyRows: boolean): { value: Known; result: MiningDcfResult | null } {
  const periodDays = daysInclusive(profile.period.startDate, profile.period.endDate);
  const { opex, power } = profile;
  const hashrate = hashrateAtWork(profile, company.uptime).hashrateAtWorkEhs;
  const efficiency = input('fleet.efficiencyJth', profile.fleet.efficiencyJth.value);
  const price = powerPrice(profile, m.powerUsdPerKwhOverride, m.powerPriceFactor);
  const direct = periodCost(periodDays, 'opex.otherDirectCostUsdInPeriod', opex.otherDirectCostUsdInPeriod.value, 'otherDirectCostUsdPerBtc', company.otherDirectCostUsdPerBtc);
  const sga = periodCost(periodDays, 'opex.sgaExSbcUsdInPeriod', opex.sgaExSbcUsdInPeriod.value, 'sgaExSbcUsdPerBtc', company.sgaExSbcUsdPerBtc);
  const height = input('market.height', m.height);
  const all = derive([hashrate, efficiency, price.usdPerKwh, direct.status, sga.status, height], () => 0);
  if (all.value === null) return { value: all, result: null };
  const credits = power.creditsUsdInPeriod.value;
  const subtractCredits = credits !== null && creditsApply(profile, price.source);
  const share = company.miningShareOfOverhead;
  const result = miningDcf({
    btcPriceUsd: m.btcPriceUsd,
    difficulty: m.difficulty,
    height: m.height as number,
    feesBtcPerBlock: m.feesBtcPerBlock,
    btcPriceGrowthRatioPerYear: valuation.btcPriceGrowthRatioPerYear,
    difficultyGrowthRatioPerYear: valuation.difficultyGrowthRatioPerYear,
    hashrateEhs: hashrate.value as number,
    efficiencyJth: efficiency.value as number,
    powerUsdPerKwh: price.usdPerKwh.value as number,
    powerCreditsUsdPerMonth: subtractCredits ? ((credits as number) / periodDays) * DAYS_PER_MONTH : 0,
    fixedCostUsdPerMonth: (direct.perDay + share * sga.perDay) * DAYS_PER_MONTH,
    variableCostUsdPerBtc: direct.perBtc + share * sga.perBtc,
    poolFee: company.poolFee,
    fleetDegradationRatioPerYear: valuation.fleetDegradationRatioPerYear,
    replaceDegradedHashrate: valuation.replaceDegradedHashrate,
    replacementCapexUsdPerTh: valuation.replacementCapexUsdPerTh,
    replacementEfficiencyJth: valuation.replacementEfficiencyJth,
    shutdownWhenUnprofitable: valuation.shutdownWhenUnprofitable,
    horizonMonths: valuation.horizonMonths,
    taxRate: valuation.taxRate,
    discountRatePerYear: valuation.discountRatePerYear,
    includeMonthlyRows,
  });
  return { value: known(result.presentValueUsd), result };
}

function valueHpcContract(contract: HpcContract, index: number, company: CompanyAssumptions, valuation: ValuationAssumptions, valuationDate: string): HpcContractValue {
  const path = `hpcContracts[${index}]`;
  const margin = hpcNoiMargin(contract, index, company.hpcNoiMarginRatio);
  const tcv = input(`${path}.contractValueUsd`, contract.contractValueUsd.value);
  const term = input(`${path}.termYears`, contract.termYears.value);
  const mw = contract.criticalItMw.value;
  const rentStart = contract.rentStartDate.value;
  const startDelayMonths = rentStart === null ? valuation.hpcStartDelayMonthsWhenUnknown : monthsBetween(valuationDate, rentStart);
  let buildCapexUsd = 0;
  let buildCapexDeducted = false;
  if (contract.remainingBuildCapexUsd.value !== null) {
    buildCapexUsd = contract.remainingBuildCapexUsd.value;
    buildCapexDeducted = true;
  } else if (valuation.hpcBuildCapexUsdPerMw !== undefined && contract.phase !== 'operating' && mw !== null) {
    buildCapexUsd = mw * valuation.hpcBuildCapexUsdPerMw;
    buildCapexDeducted = true;
  }
  const all = derive([tcv, term, margin], () => 0);
  const value =
    all.value === null
      ? null
      : hpcContractValuation({
          contractValueUsd: tcv.value as number,
          termYears: term.value as number,
          noiMarginRatio: margin.value as number,
          annualEscalatorRatio: contract.annualEscalatorRatio.value ?? 0,
          startDelayMonths,
          discountRatePerYear: valuation.hpcDiscountRatePerYear,
          taxRate: valuation.taxRate,
          remainingBuildCapexUsd: buildCapexUsd,
        });
  return {
    counterparty: contract.counterparty,
    contractType: contract.contractType,
    phase: contract.phase,
    criticalItMw: mw,
    annualNoiUsd: value === null ? null : value.annualNoiUsd,
    noiPresentValueUsd: value === null ? null : value.noiPresentValueUsd,
    presentValueUsd: value === null ? null : value.presentValueUsd,
    noiMarginRatio: margin.value,
    noiMarginSource: margin.value === null ? null : contract.noiMarginRatio.value !== null ? 'contract' : 'assumption',
    startDelayMonths,
    startDelaySource: rentStart === null ? 'assumption' : 'contract',
    buildCapexUsd,
    buildCapexDeducted,
    missingInputs: all.missingInputs ?? [],
  };
}
