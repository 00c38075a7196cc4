import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import type { Known } from '../shared/known-value.util';
import { requireAtMostOne, requireNonNegative, requireNonNegativeInteger, requirePositive } from '../shared/validate.util';
import { thsToEhs } from '../shared/units';
import { blockSubsidyBtc } from '../network/subsidy';
import { hashpriceBtcPerPhDay } from '../hashprice/hashprice';
import { findAsicModel } from '../machines/asic-catalog';
import { asicPriceUsdPerTh, hashrateCapexUsd, type AsicPriceClass } from '../machines/asic-price';
import { efficiencyJth } from '../machines/machine-economics';
import { fleetTotals } from '../machines/fleet-efficiency';
import { miningDcf, type MiningDcfInput, type MiningDcfMonth } from './mining-dcf';
import { monthlyRateFromAnnual } from './discounting.util';
import { discountedCashFlowsUsd, internalRateOfReturnPerYear, netPresentValueUsd, paybackMonths } from './cash-flow-returns';

/*
 * Keep or replace a fleet. Both branches run through the mining DCF month by month (difficulty and
 * price paths, the consensus subsidy from the start height so every halving is in, shutdown in months
 * that lose money), pre-tax and without fixed costs, which are the same whichever machines run:
 *   cf[0]     = resale of the old machines − capex of the new ones       (today)
 *   cf[m + 1] = FCF_replace[m] − FCF_keep[m]                              (end of month m + 1)
 *   NPV       = Σ cf[t] / (1 + r)^t, r = (1 + annual rate)^(1/12) − 1; IRR and payback of the same cf.
 * The new machines are sized to the old fleet's power (sites are power-limited) or to its hashrate,
 * and are worth nothing at the horizon (choose the horizon as their economic life).
 * With a hashprice instead of a BTC price and difficulty, the DCF runs at a reference difficulty and
 * the BTC price that gives that hashprice: revenue depends only on price ÷ difficulty.
 */

/** A fleet by catalog model and machine count, or by total hashrate and power-weighted efficiency. */
export type UpgradeFleet = { readonly model: string; readonly count: number } | { readonly hashrateEhs: number; readonly efficiencyJth: number };
/** The newer machine: a catalog model, or an efficiency. */
export type UpgradeMachine = { readonly model: string } | { readonly efficiencyJth: number };
export type UpgradeSizing = 'same-power' | 'same-hashrate';

export interface FleetUpgradeInput {
  /** Height at the start: fixes the subsidy and the halving dates. */
  readonly height: number;
  readonly feesBtcPerBlock: number;
  /** Give the hashprice, or the BTC price and difficulty. */
  readonly hashpriceUsdPerPhDay?: number;
  readonly btcPriceUsd?: number;
  readonly difficulty?: number;
  /** Default 0 each. */
  readonly difficultyGrowthRatioPerYear?: number;
  readonly btcPriceGrowthRatioPerYear?: number;
  readonly currentFleet: UpgradeFleet;
  readonly replacement: UpgradeMachine;
  /** Default 'same-power'. */
  readonly sizing?: UpgradeSizing;
  readonly powerUsdPerKwh: number;
  readonly poolFee?: number;
  /** Price of the new machines: a $/TH figure, or the price classes (looked up at their efficiency). */
  readonly asicPriceUsdPerTh?: number;
  readonly asicPriceClasses?: readonly AsicPriceClass[];
  /** What the old machines sell for, $/TH. Default 0 (scrapped). */
  readonly resaleUsdPerTh?: number;
  readonly discountRatePerYear: number;
  readonly horizonMonths: number;
}

export interface UpgradeFleetSide {
  readonly hashrateEhs: number;
  readonly efficiencyJth: number;
  /** EH/s × J/TH = MW. */
  readonly powerMw: number;
}

export interface FleetUpgradeMonth {
  /** 1-based: the month whose end the cash flow falls at. */
  readonly month: number;
  readonly subsidyBtc: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly keepCashFlowUsd: number;
  readonly replaceCashFlowUsd: number;
  readonly incrementalCashFlowUsd: number;
}

export interface PurchaseReturns {
  readonly npvUsd: number;
  readonly irrPerYear: Known;
  readonly paybackMonths: Known;
}

export interface FleetUpgrade {
  readonly startHashpriceUsdPerPhDay: number;
  readonly current: UpgradeFleetSide;
  readonly replacement: UpgradeFleetSide & { readonly model: string | null; readonly asicPriceUsdPerTh: number };
  readonly capexUsd: number;
  readonly resaleUsd: number;
  readonly keepPresentValueUsd: number;
  /** PV of the new fleet's cash flows − capex + resale. */
  readonly replacePresentValueUsd: number;
  /** replace − keep: > 0 says replace. */
  readonly npvUsd: number;
  readonly decision: 'replace' | 'keep';
  readonly irrPerYear: Known;
  readonly paybackMonths: Known;
  readonly discountedPaybackMonths: Known;
  /** The new machines on their own (capex against their cash flows, no resale): the payback of buying them. */
  readonly purchase: PurchaseReturns;
  readonly halvingsInHorizon: number;
  /** cf[0], cf[1], … as above. */
  readonly incrementalCashFlowsUsd: readonly number[];
  readonly months: readonly FleetUpgradeMonth[];
}

// Any difficulty would do (see above); one near today's keeps the numbers readable.
const REFERENCE_DIFFICULTY = 1e14;

function resolveCurrent(fleet: UpgradeFleet): UpgradeFleetSide {
  if ('model' in fleet) {
    const spec = findAsicModel(fleet.model);
    requirePositive('currentFleet.count', fleet.count);
    const totals = fleetTotals([{ hashrateThs: spec.hashrateThs, powerW: spec.powerW, count: fleet.count }]);
    const hashrateEhs = thsToEhs(totals.hashrateThs);
    return { hashrateEhs, efficiencyJth: totals.efficiencyJth, powerMw: hashrateEhs * totals.efficiencyJth };
  }
  const hashrateEhs = requirePositive('currentFleet.hashrateEhs', fleet.hashrateEhs);
  const efficiency = requirePositive('currentFleet.efficiencyJth', fleet.efficiencyJth);
  return { hashrateEhs, efficiencyJth: efficiency, powerMw: hashrateEhs * efficiency };
}

function resolveReplacement(machine: UpgradeMachine): { model: string | null; efficiencyJth: number } {
  if ('model' in machine) {
    const spec = findAsicModel(machine.model);
    return { model: spec.model, efficiencyJth: efficiencyJth(spec.powerW, spec.hashrateThs) };
  }
  return { model: null, efficiencyJth: requirePositive('replacement.efficiencyJth', machine.efficiencyJth) };
}

function startMarket(u: FleetUpgradeInput): { btcPriceUsd: number; difficulty: number } {
  const source = requireAtMostOne({ hashpriceUsdPerPhDay: u.hashpriceUsdPerPhDay, btcPriceUsd: u.btcPriceUsd });
  if (source === undefined) throw new EconomicsInputError('hashpriceUsdPerPhDay', Code.MISSING, 'is required (or give btcPriceUsd and difficulty)');
  if (source === 'btcPriceUsd') {
    if (u.difficulty === undefined) throw new EconomicsInputError('difficulty', Code.MISSING, 'is required with btcPriceUsd');
    return { btcPriceUsd: requirePositive('btcPriceUsd', u.btcPriceUsd as number), difficulty: requirePositive('difficulty', u.difficulty) };
  }
  if (u.difficulty !== undefined) throw new EconomicsInputError('difficulty', Code.CONFLICT, 'cannot be combined with hashpriceUsdPerPhDay (give btcPriceUsd and difficulty, or the hashprice)');
  const hashprice = requirePositive('hashpriceUsdPerPhDay', u.hashpriceUsdPerPhDay as number);
  const rewardBtc = blockSubsidyBtc(requireNonNegativeInteger('height', u.height)) + requireNonNegative('feesBtcPerBlock', u.feesBtcPerBlock);
  if (rewardBtc === 0) throw new EconomicsInputError('feesBtcPerBlock', Code.NOT_POSITIVE, 'must be above 0 once the subsidy has ended (no reward to price)');
  return { btcPriceUsd: hashprice / hashpriceBtcPerPhDay(REFERENCE_DIFFICULTY, rewardBtc), difficulty: REFERENCE_DIFFICULTY };
}

function replacementPrice(u: FleetUpgradeInput, efficiency: number): number {
  const source = requireAtMostOne({ asicPriceUsdPerTh: u.asicPriceUsdPerTh, asicPriceClasses: u.asicPriceClasses });
  if (source === undefined) throw new EconomicsInputError('asicPriceUsdPerTh', Code.MISSING, 'is required (or give asicPriceClasses)');
  return source === 'asicPriceUsdPerTh' ? requireNonNegative('asicPriceUsdPerTh', u.asicPriceUsdPerTh as number) : asicPriceUsdPerTh(u.asicPriceClasses as readonly AsicPriceClass[], efficiency);
}

export function fleetUpgrade(u: FleetUpgradeInput): FleetUpgrade {
  const market = startMarket(u);
  const current = resolveCurrent(u.currentFleet);
  const next = resolveReplacement(u.replacement);
  const sizing = u.sizing ?? 'same-power';
  if (sizing !== 'same-power' && sizing !== 'same-hashrate') throw new EconomicsInputError('sizing', Code.UNKNOWN, 'must be same-power or same-hashrate');
  const newHashrateEhs = sizing === 'same-power' ? current.powerMw / next.efficiencyJth : current.hashrateEhs;
  const price = replacementPrice(u, next.efficiencyJth);
  const capexUsd = hashrateCapexUsd(newHashrateEhs, price);
  const resaleUsd = hashrateCapexUsd(current.hashrateEhs, requireNonNegative('resaleUsdPerTh', u.resaleUsdPerTh ?? 0));

  const common: Omit<MiningDcfInput, 'hashrateEhs' | 'efficiencyJth'> = {
    btcPriceUsd: market.btcPriceUsd,
    difficulty: market.difficulty,
    height: u.height,
    feesBtcPerBlock: u.feesBtcPerBlock,
    btcPriceGrowthRatioPerYear: u.btcPriceGrowthRatioPerYear,
    difficultyGrowthRatioPerYear: u.difficultyGrowthRatioPerYear,
    powerUsdPerKwh: u.powerUsdPerKwh,
    poolFee: u.poolFee,
    fixedCostUsdPerMonth: 0,
    shutdownWhenUnprofitable: true,
    horizonMonths: u.horizonMonths,
    taxRate: 0,
    discountRatePerYear: u.discountRatePerYear,
    includeMonthlyRows: true,
  };
  const keep = miningDcf({ ...common, hashrateEhs: current.hashrateEhs, efficiencyJth: current.efficiencyJth });
  const replace = miningDcf({ ...common, hashrateEhs: newHashrateEhs, efficiencyJth: next.efficiencyJth });
  const keepRows = keep.rows as readonly MiningDcfMonth[];
  const replaceRows = replace.rows as readonly MiningDcfMonth[];

  const incremental = [resaleUsd - capexUsd, ...replaceRows.map((row, m) => row.freeCashFlowUsd - keepRows[m].freeCashFlowUsd)];
  const purchaseFlows = [-capexUsd, ...replaceRows.map((row) => row.freeCashFlowUsd)];
  const monthlyRate = monthlyRateFromAnnual(u.discountRatePerYear);
  const npvUsd = netPresentValueUsd(incremental, monthlyRate);
  const startReward = blockSubsidyBtc(u.height) + u.feesBtcPerBlock;

  return {
    startHashpriceUsdPerPhDay: hashpriceBtcPerPhDay(market.difficulty, startReward) * market.btcPriceUsd,
    current,
    replacement: { model: next.model, hashrateEhs: newHashrateEhs, efficiencyJth: next.efficiencyJth, powerMw: newHashrateEhs * next.efficiencyJth, asicPriceUsdPerTh: price },
    capexUsd,
    resaleUsd,
    keepPresentValueUsd: keep.presentValueUsd,
    replacePresentValueUsd: replace.presentValueUsd - capexUsd + resaleUsd,
    npvUsd,
    decision: npvUsd > 0 ? 'replace' : 'keep',
    irrPerYear: internalRateOfReturnPerYear(incremental),
    paybackMonths: paybackMonths(incremental),
    discountedPaybackMonths: paybackMonths(discountedCashFlowsUsd(incremental, monthlyRate)),
    purchase: {
      npvUsd: netPresentValueUsd(purchaseFlows, monthlyRate),
      irrPerYear: internalRateOfReturnPerYear(purchaseFlows),
      paybackMonths: paybackMonths(purchaseFlows),
    },
    halvingsInHorizon: keep.halvingsInHorizon,
    incrementalCashFlowsUsd: incremental,
    months: replaceRows.map((row, m) => ({
      month: m + 1,
      subsidyBtc: row.subsidyBtc,
      hashpriceUsdPerPhDay: hashpriceBtcPerPhDay(row.difficulty, row.subsidyBtc + u.feesBtcPerBlock) * row.btcPriceUsd,
      keepCashFlowUsd: keepRows[m].freeCashFlowUsd,
      replaceCashFlowUsd: row.freeCashFlowUsd,
      incrementalCashFlowUsd: incremental[m + 1],
    })),
  };
}
