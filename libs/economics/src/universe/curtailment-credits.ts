import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { derive, input, known, meaningfulIf, type Known } from '../shared/known-value.util';
import { requireFraction, requireNonNegative } from '../shared/validate.util';
import { curtailmentStrike, hoursAboveStrike, type HoursAboveStrike, type PowerPriceSeries } from './curtailment-strike';

/*
 * Curtailment credits a fleet would have earned by stopping in every interval priced above its strike.
 * Two rules, because programmes and contracts pay differently:
 *   'spread-over-strike'  MW · Σ (price − strike) · h   the gain of stopping over mining: what an index-priced
 *                                                       site saves net of the mining revenue it gives up
 *   'resale-at-price'     MW · Σ price · h              a fixed-price contract's power sold back at the market
 *                                                       price, the way ERCOT miners report "power credits"
 * MW is the curtailable load (fleet power × participation). The price series must cover the same
 * period as the reported credits; demand-response (ancillary service) payments are not modelled.
 */

export type CurtailmentCreditRule = 'spread-over-strike' | 'resale-at-price';
const RULES: readonly CurtailmentCreditRule[] = ['spread-over-strike', 'resale-at-price'];

export interface CurtailmentInput {
  readonly hashpriceUsdPerPhDay: number;
  readonly fleetEfficiencyJth: number;
  readonly poolFee?: number;
  /** Power drawn by the fleet when mining, MW. */
  readonly fleetPowerMw: number;
  /** Share of the load that takes part in curtailment, 0–1. Default 1. */
  readonly participationRatio?: number;
  readonly prices: PowerPriceSeries;
  readonly creditRule: CurtailmentCreditRule;
  /** Credits the company reported for the same period, USD; null when not reported. */
  readonly reportedCreditsUsd: number | null;
}

export interface Curtailment extends HoursAboveStrike {
  readonly strikeUsdPerKwh: number;
  readonly strikeUsdPerMwh: number;
  readonly curtailedMw: number;
  readonly curtailedMwh: number;
  readonly impliedCreditsUsd: number;
  readonly creditRule: CurtailmentCreditRule;
  /** reported − implied, USD. */
  readonly reportedMinusImpliedUsd: Known;
  /** reported ÷ implied; null when nothing is implied. */
  readonly reportedToImpliedRatio: Known;
}

export function curtailment(c: CurtailmentInput): Curtailment {
  if (!RULES.includes(c.creditRule)) throw new EconomicsInputError('creditRule', Code.UNKNOWN, `must be one of ${RULES.join(', ')}`);
  const strike = curtailmentStrike(c.hashpriceUsdPerPhDay, c.fleetEfficiencyJth, c.poolFee ?? 0);
  const hours = hoursAboveStrike(c.prices, strike.strikeUsdPerMwh);
  const curtailedMw = requireNonNegative('fleetPowerMw', c.fleetPowerMw) * requireFraction('participationRatio', c.participationRatio ?? 1);
  const impliedCreditsUsd = curtailedMw * (c.creditRule === 'spread-over-strike' ? hours.excessUsdPerMw : hours.priceUsdPerMw);
  if (c.reportedCreditsUsd !== null) requireNonNegative('reportedCreditsUsd', c.reportedCreditsUsd);
  const reported = input('reportedCreditsUsd', c.reportedCreditsUsd);
  const implied = known(impliedCreditsUsd);
  return {
    ...strike,
    ...hours,
    curtailedMw,
    curtailedMwh: curtailedMw * hours.hoursAboveStrike,
    impliedCreditsUsd,
    creditRule: c.creditRule,
    reportedMinusImpliedUsd: derive([reported, implied], (r, i) => r - i),
    reportedToImpliedRatio: meaningfulIf(derive([reported, implied], (r, i) => (i === 0 ? NaN : r / i)), Number.isFinite, 'no credits implied (no interval above the strike, or no curtailable MW)'),
  };
}
