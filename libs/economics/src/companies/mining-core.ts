import { derive, firstKnown, input, known, meaningfulIf, missing, type Known } from '../shared/known-value.util';
import { daysInclusive } from '../shared/calendar.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HOURS_PER_DAY, SECONDS_PER_DAY } from '../shared/units';
import type { CompanyProfile } from './company-profile';
import type { CompanyAssumptions } from './company-assumptions';
import type { ResolvedMarket } from './market-inputs';

/*
 * The mining quantities of a profile in a market: hashrate at work, power price, production and the
 * period costs as per-day amounts. Company metrics, the run-rate model and the DCF share them.
 */

const KW_PER_MW = 1_000;

export type HashrateBasis = 'operating' | 'installed-times-uptime';
export type PowerCostBasis = 'fleet-power-times-price' | 'reported-period-power-cost';
export type PowerPriceSource = 'market-override' | 'profile-average' | 'profile-contracts-mw-weighted';

/**
 * Hashrate at work: the operating hashrate when the profile has it (already net of downtime and
 * curtailment), else installed × uptime × (1 − curtailment ratio, when known).
 */
export function hashrateAtWork(profile: CompanyProfile, uptime: number): { hashrateAtWorkEhs: Known; hashrateBasis: HashrateBasis | null } {
  const { fleet, power } = profile;
  const operating = input('fleet.operatingHashrateEhs', fleet.operatingHashrateEhs.value);
  const curtailmentFactor = 1 - (power.curtailmentRatio.value ?? 0);
  const installedTimesUptime = derive([input('fleet.installedHashrateEhs', fleet.installedHashrateEhs.value)], (ehs) => ehs * uptime * curtailmentFactor);
  return {
    hashrateAtWorkEhs: firstKnown(operating, installedTimesUptime),
    hashrateBasis: operating.value !== null ? 'operating' : installedTimesUptime.value !== null ? 'installed-times-uptime' : null,
  };
}

/** The mining quantities the metrics and the DCF share. */
export interface MiningCore {
  readonly periodDays: number;
  readonly hashrateAtWorkEhs: Known;
  readonly hashrateAtWorkPositive: Known;
  readonly hashrateBasis: HashrateBasis | null;
  readonly efficiencyJth: Known;
  readonly fleetPowerMw: Known;
  readonly powerUsdPerKwh: Known;
  readonly powerPriceSource: PowerPriceSource | null;
  readonly btcPerDay: Known;
  readonly btcPerDayPositive: Known;
  readonly miningRevenueUsdPerDay: Known;
  readonly powerCreditsUsdPerDay: Known;
  readonly powerCreditsApplied: boolean;
  /** Net of credits where they apply. */
  readonly powerCostUsdPerDay: Known;
  /** How the power cost was found: the fleet's draw × the power price, or the period's reported power bill. */
  readonly powerCostBasis: PowerCostBasis | null;
  readonly otherDirectUsdPerDay: Known;
  readonly sgaUsdPerDay: Known;
  readonly interestUsdPerDay: Known;
  readonly depreciationUsdPerDay: Known;
  readonly sbcUsdPerDay: Known;
}

/** Resolves the profile's mining inputs in a market: hashrate at work, power price, production, daily costs. */
export function miningCore(profile: CompanyProfile, m: ResolvedMarket, assumptions: CompanyAssumptions): MiningCore {
  const { fleet, power, opex } = profile;
  const periodDays = daysInclusive(profile.period.startDate, profile.period.endDate);

  const { hashrateAtWorkEhs, hashrateBasis } = hashrateAtWork(profile, assumptions.uptime);
  const hashrateAtWorkPositive = meaningfulIf(hashrateAtWorkEhs, (ehs) => ehs > 0, 'no hashrate at work');

  const efficiencyJth = input('fleet.efficiencyJth', fleet.efficiencyJth.value);
  const fleetPowerMw = derive([hashrateAtWorkEhs, efficiencyJth], (ehs, e) => ehs * e);
  const price = powerPrice(profile, m.powerUsdPerKwhOverride, m.powerPriceFactor);
  const credits = input('power.creditsUsdInPeriod', power.creditsUsdInPeriod.value);
  const powerCreditsApplied = credits.value !== null && creditsApply(profile, price.source);
  const powerCreditsUsdPerDay = powerCreditsApplied ? derive([credits], (c) => c / periodDays) : known(0);
  const grossPowerPerDay = derive([fleetPowerMw, price.usdPerKwh], (mw, p) => mw * KW_PER_MW * HOURS_PER_DAY * p);
  const modelledPowerCostUsdPerDay = derive([grossPowerPerDay, powerCreditsUsdPerDay], (gross, c) => Math.max(0, gross - c));
  // Without the fleet's J/TH its power draw is unknown: the period's reported power bill (gross, less the
  // period's credits) stands in as a daily cost, scaled by a scenario's power factor. Named in powerCostBasis.
  const reportedPowerCostUsdPerDay = derive(
    [input('opex.powerCostUsdInPeriod', opex.powerCostUsdInPeriod.value)],
    (cost) => Math.max(0, cost - (credits.value ?? 0)) / periodDays * m.powerPriceFactor,
  );
  const powerCostUsdPerDay = firstKnown(modelledPowerCostUsdPerDay, reportedPowerCostUsdPerDay);
  const powerCostBasis: PowerCostBasis | null = modelledPowerCostUsdPerDay.value !== null ? 'fleet-power-times-price'
    : reportedPowerCostUsdPerDay.value !== null ? 'reported-period-power-cost' : null;

  const btcPerEhDay = (SECONDS_PER_DAY * HASHES_PER_EH * m.rewardBtcPerBlock * (1 - assumptions.poolFee)) / (m.difficulty * HASHES_PER_DIFFICULTY_UNIT);
  const btcPerDay = derive([hashrateAtWorkEhs], (ehs) => ehs * btcPerEhDay);
  const btcPerDayPositive = meaningfulIf(btcPerDay, (btc) => btc > 0, 'no BTC is mined (zero hashrate or reward)');
  const periodPerDay = (path: string, value: number | null) => derive([input(path, value)], (amount) => amount / periodDays);
  const fallbackPerBtc = (name: keyof CompanyAssumptions) => derive([input(`assumptions.${name}`, assumptions[name] as number | undefined), btcPerDay], (usdPerBtc, btc) => usdPerBtc * btc);

  return {
    periodDays,
    hashrateAtWorkEhs,
    hashrateAtWorkPositive,
    hashrateBasis,
    efficiencyJth,
    fleetPowerMw,
    powerUsdPerKwh: price.usdPerKwh,
    powerPriceSource: price.source,
    btcPerDay,
    btcPerDayPositive,
    miningRevenueUsdPerDay: derive([btcPerDay], (btc) => btc * m.btcPriceUsd),
    powerCreditsUsdPerDay,
    powerCreditsApplied,
    powerCostUsdPerDay,
    powerCostBasis,
    otherDirectUsdPerDay: firstKnown(periodPerDay('opex.otherDirectCostUsdInPeriod', opex.otherDirectCostUsdInPeriod.value), fallbackPerBtc('otherDirectCostUsdPerBtc')),
    sgaUsdPerDay: firstKnown(periodPerDay('opex.sgaExSbcUsdInPeriod', opex.sgaExSbcUsdInPeriod.value), fallbackPerBtc('sgaExSbcUsdPerBtc')),
    interestUsdPerDay: firstKnown(periodPerDay('opex.interestExpenseUsdInPeriod', opex.interestExpenseUsdInPeriod.value), fallbackPerBtc('interestUsdPerBtc')),
    depreciationUsdPerDay: firstKnown(periodPerDay('opex.depreciationUsdInPeriod', opex.depreciationUsdInPeriod.value), fallbackPerBtc('depreciationUsdPerBtc')),
    sbcUsdPerDay: firstKnown(periodPerDay('opex.sbcUsdInPeriod', opex.sbcUsdInPeriod.value), fallbackPerBtc('sbcUsdPerBtc')),
  };
}

/**
 * Whether the profile's period credits are subtracted from the power cost: only with a profile price
 * that is not already net of them. A market override is taken as the all-in price the fleet pays.
 */
export function creditsApply(profile: CompanyProfile, priceSource: PowerPriceSource | null): boolean {
  if (priceSource === null || priceSource === 'market-override') return false;
  return !(priceSource === 'profile-average' && profile.power.priceBasis === 'all-in-net-of-credits');
}

/** Market override, else the profile's average price, else the MW-weighted contract price; × the scenario factor. */
export function powerPrice(profile: CompanyProfile, overrideUsdPerKwh: number | null, factor: number): { usdPerKwh: Known; source: PowerPriceSource | null } {
  if (overrideUsdPerKwh !== null) return { usdPerKwh: known(overrideUsdPerKwh * factor), source: 'market-override' };
  const average = profile.power.averagePriceUsdPerKwh.value;
  if (average !== null) return { usdPerKwh: known(average * factor), source: 'profile-average' };
  const contracts = profile.power.contracts;
  if (contracts.length > 0) {
    const weighted = derive(
      contracts.flatMap((contract, index) => [
        input(`power.contracts[${index}].capacityMw`, contract.capacityMw.value),
        input(`power.contracts[${index}].priceUsdPerKwh`, contract.priceUsdPerKwh.value),
      ]),
      (...values) => {
        let mw = 0;
        let cost = 0;
        for (let i = 0; i < values.length; i += 2) {
          mw += values[i];
          cost += values[i] * values[i + 1];
        }
        return mw > 0 ? (cost / mw) * factor : Number.NaN;
      },
    );
    if (weighted.value !== null && Number.isFinite(weighted.value)) return { usdPerKwh: weighted, source: 'profile-contracts-mw-weighted' };
    if (weighted.value === null) {
      return { usdPerKwh: missing(`market.powerUsdPerKwh|power.averagePriceUsdPerKwh|${(weighted.missingInputs ?? []).join('+')}`), source: null };
    }
  }
  return { usdPerKwh: missing('market.powerUsdPerKwh|power.averagePriceUsdPerKwh'), source: null };
}


/** A period cost split into a per-day part (from the profile) and a per-BTC part (from the assumption); `status` is missing when neither is known. */
export interface PeriodCost {
  readonly perDay: number;
  readonly perBtc: number;
  readonly status: Known;
}

/** The profile's period amount as USD per day, else the per-BTC assumption, else missing both (`a|b`). */
export function periodCost(periodDays: number, periodPath: string, periodValue: number | null, assumptionName: string, usdPerBtc: number | undefined): PeriodCost {
  if (periodValue !== null) return { perDay: periodValue / periodDays, perBtc: 0, status: known(0) };
  if (usdPerBtc !== undefined) return { perDay: 0, perBtc: usdPerBtc, status: known(0) };
  return { perDay: 0, perBtc: 0, status: missing(`${periodPath}|assumptions.${assumptionName}`) };
}
