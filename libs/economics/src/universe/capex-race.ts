import { derive, firstKnown, input, meaningfulIf, notMeaningful, type Known } from '../shared/known-value.util';
import { asicPriceUsdPerTh, requireAsicPriceClasses, type AsicPriceClass } from '../machines/asic-price';
import { efficiencyVersusMarginal, marginalMachine, type MarginalMachine } from '../machines/marginal-machine';
import { requirePositive } from '../shared/validate.util';
import { capexPerEhAdded } from './capex-per-eh';
import { capexToHoldShare } from './capex-to-hold-share';
import { hashrateShareChange, hashrateShareRatio, meanNetworkHashrateEhs } from './hashrate-share';

/*
 * The capex race for one company and one quarter: its hashrate share and how it moved, what holding
 * that share for the next 12 months would cost, what it actually paid per EH/s added, and how its fleet
 * compares with the network's marginal machine. Company figures are often unreported: each metric is
 * null with the inputs it misses, never a default.
 */

export interface CapexRaceQuarterInput {
  /** Mean operating hashrate in the quarter, EH/s. */
  readonly companyHashrateEhs: number | null;
  readonly previousCompanyHashrateEhs: number | null;
  /** Capex paid in the quarter (cash flow statement), USD. */
  readonly capexUsd: number | null;
  /** EH/s added in the quarter; default companyHashrateEhs − previousCompanyHashrateEhs. */
  readonly hashrateAddedEhs?: number | null;
  readonly fleetEfficiencyJth: number | null;
  /** Network hashrate over the quarter (e.g. daily), EH/s. */
  readonly networkHashrateEhsSamples: readonly number[];
  /** The previous quarter's samples; without them the share change is unknown. */
  readonly previousNetworkHashrateEhsSamples?: readonly number[] | null;
  readonly hashpriceUsdPerPhDay: number;
  /** Power price of the network's marginal machine (a network-typical price), $/kWh. */
  readonly networkPowerUsdPerKwh: number;
  readonly poolFee?: number;
  /** The difficulty path over the next 12 months: one of the two. */
  readonly difficultyGrowthRatioPerYear?: number;
  readonly difficultyByMonth?: readonly number[];
  readonly asicPriceClasses: readonly AsicPriceClass[];
  /** Efficiency of the machines that would be bought to hold the share: picks the price class. */
  readonly purchaseEfficiencyJth: number;
}

export const CAPEX_RACE_METRIC_NAMES = [
  'hashrateShareRatio',
  'previousHashrateShareRatio',
  'hashrateShareChangeRatio',
  'hashrateShareRelativeChange',
  'hashrateToAddToHoldShareEhs',
  'capexToHoldShareUsd',
  'capexUsdPerEhAdded',
  'capexUsdPerThAdded',
  'marginalEfficiencyJth',
  'fleetEfficiencyRatioToMarginal',
  'fleetEfficiencyHeadroomJth',
] as const;
export type CapexRaceMetricName = (typeof CAPEX_RACE_METRIC_NAMES)[number];

export interface CapexRaceQuarter {
  readonly networkHashrateEhs: number;
  readonly asicPriceUsdPerTh: number;
  readonly marginalMachine: MarginalMachine | null;
  readonly metrics: Readonly<Record<CapexRaceMetricName, Known>>;
}

export function capexRaceQuarter(q: CapexRaceQuarterInput): CapexRaceQuarter {
  const networkHashrateEhs = meanNetworkHashrateEhs(q.networkHashrateEhsSamples);
  const asicPrice = asicPriceUsdPerTh(requireAsicPriceClasses('asicPriceClasses', q.asicPriceClasses), requirePositive('purchaseEfficiencyJth', q.purchaseEfficiencyJth));
  const company = input('companyHashrateEhs', q.companyHashrateEhs);
  const previousCompany = input('previousCompanyHashrateEhs', q.previousCompanyHashrateEhs);
  const previousNetwork = q.previousNetworkHashrateEhsSamples ? input('previousNetworkHashrateEhsSamples', meanNetworkHashrateEhs(q.previousNetworkHashrateEhsSamples)) : input('previousNetworkHashrateEhsSamples', null);

  const share = derive([company], (ehs) => hashrateShareRatio(ehs, networkHashrateEhs));
  const previousShare = derive([previousCompany, previousNetwork], (ehs, net) => hashrateShareRatio(ehs, net));
  // NaN marks "no value"; meaningfulIf turns it into null with the reason.
  const changeRatio = derive([share, previousShare], (now, before) => hashrateShareChange(now, before).changeRatio);
  const relativeChange = meaningfulIf(derive([share, previousShare], (now, before) => hashrateShareChange(now, before).relativeChange ?? NaN), Number.isFinite, 'the previous share was 0');

  const hold = (ehs: number, s: number) =>
    capexToHoldShare({ companyHashrateEhs: ehs, shareRatio: s, networkHashrateEhs, difficultyGrowthRatioPerYear: q.difficultyGrowthRatioPerYear, difficultyByMonth: q.difficultyByMonth, asicPriceUsdPerTh: asicPrice });
  const toAdd = derive([company, share], (ehs, s) => hold(ehs, s).hashrateToAddEhs);
  const holdCapex = derive([company, share], (ehs, s) => hold(ehs, s).capexUsd);

  const added = firstKnown(input('hashrateAddedEhs', q.hashrateAddedEhs), derive([company, previousCompany], (now, before) => now - before));
  const capex = input('capexUsd', q.capexUsd);
  const perEh = derive([capex, added], (usd, ehs) => capexPerEhAdded(usd, ehs).capexUsdPerEh.value ?? NaN);
  const notAdded = 'no hashrate added in the period';
  const capexUsdPerEhAdded = meaningfulIf(perEh, Number.isFinite, notAdded);
  const capexUsdPerThAdded = meaningfulIf(derive([capex, added], (usd, ehs) => capexPerEhAdded(usd, ehs).capexUsdPerTh.value ?? NaN), Number.isFinite, notAdded);

  const marginal = marginalMachine({ hashpriceUsdPerPhDay: q.hashpriceUsdPerPhDay, powerUsdPerKwh: q.networkPowerUsdPerKwh, poolFee: q.poolFee });
  const noMarginal = notMeaningful('no catalog machine breaks even at this hashprice and power price');
  const marginalEfficiency = marginal ? input('marginalEfficiencyJth', marginal.efficiencyJth) : noMarginal;
  const fleet = input('fleetEfficiencyJth', q.fleetEfficiencyJth);

  return {
    networkHashrateEhs,
    asicPriceUsdPerTh: asicPrice,
    marginalMachine: marginal,
    metrics: {
      hashrateShareRatio: share,
      previousHashrateShareRatio: previousShare,
      hashrateShareChangeRatio: changeRatio,
      hashrateShareRelativeChange: relativeChange,
      hashrateToAddToHoldShareEhs: toAdd,
      capexToHoldShareUsd: holdCapex,
      capexUsdPerEhAdded,
      capexUsdPerThAdded,
      marginalEfficiencyJth: marginalEfficiency,
      fleetEfficiencyRatioToMarginal: derive([fleet, marginalEfficiency], (f, m) => efficiencyVersusMarginal(f, m).efficiencyRatio),
      fleetEfficiencyHeadroomJth: derive([fleet, marginalEfficiency], (f, m) => efficiencyVersusMarginal(f, m).efficiencyHeadroomJth),
    },
  };
}
