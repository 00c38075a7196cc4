import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyMarginProjectedSchema, InputRefSchema, LineageSchema, MarginProjectionStatus, type CompanyMarginProjected } from '@hashdesk/contracts';
import { companyMetrics, difficultyChangePct, parseCompanyProfile, satsToBtc } from '@hashdesk/economics';
import { COMPANY_VALUATION_METHODOLOGY_VERSION, type MarketInput, type ProfileVersion } from '../companies/company-valuation.calculator';
import { derivedEventId } from '@hashdesk/messaging';

export const MARGIN_PROJECTION_METHODOLOGY_VERSION = `margin-projection/1 (projectRetarget from the epoch's pace between snapshots; ${COMPANY_VALUATION_METHODOLOGY_VERSION})`;

export interface MarginChange {
  status: 'projected' | 'confirmed';
  retargetHeight: number;
  currentDifficulty: number;
  nextDifficulty: number;
  /** On a confirmation: what had been projected. */
  projectedDifficulty?: number;
}

/** Pure: a company's power and all-in margins at the current and the next difficulty, same price and fees. */
export function projectMargin(version: ProfileVersion, price: MarketInput, network: MarketInput, change: MarginChange): CompanyMarginProjected {
  const profile = parseCompanyProfile(JSON.parse(version.profileJson));
  const market = (difficulty: number) => ({
    btcPriceUsd: price.values.priceUsd, difficulty, height: network.values.height, feesBtcPerBlock: satsToBtc(network.values.feesPerBlockSats),
  });
  const before = companyMetrics(profile, market(change.currentDifficulty));
  const after = companyMetrics(profile, market(change.nextDifficulty));
  const asOf = new Date(Math.max(version.eventTime.getTime(), price.eventTime.getTime(), network.eventTime.getTime()));
  const orUndefined = (value: number | null): number | undefined => (value === null ? undefined : value);
  return create(CompanyMarginProjectedSchema, {
    projectionId: projectionIdFor(version.ticker, change.retargetHeight, change.status),
    ticker: version.ticker,
    status: change.status === 'projected' ? MarginProjectionStatus.PROJECTED : MarginProjectionStatus.CONFIRMED,
    asOf: timestampFromDate(asOf),
    retargetHeight: change.retargetHeight,
    height: network.values.height,
    currentDifficulty: change.currentDifficulty,
    nextDifficulty: change.nextDifficulty,
    difficultyChangePct: difficultyChangePct(change.currentDifficulty, change.nextDifficulty),
    btcPriceUsd: price.values.priceUsd,
    powerMarginRatioBefore: orUndefined(before.powerMarginRatio),
    powerMarginRatioAfter: orUndefined(after.powerMarginRatio),
    allInMarginRatioBefore: orUndefined(before.allInMarginRatio),
    allInMarginRatioAfter: orUndefined(after.allInMarginRatio),
    projectedDifficulty: change.projectedDifficulty,
    lineage: create(LineageSchema, {
      inputs: [version, price, network].map((i) => create(InputRefSchema, { eventId: i.eventId, eventType: i.eventType, eventTime: timestampFromDate(i.eventTime) })),
      methodologyVersion: MARGIN_PROJECTION_METHODOLOGY_VERSION,
    }),
  });
}

export function projectionIdFor(ticker: string, retargetHeight: number, status: string): string {
  return derivedEventId(MARGIN_PROJECTION_METHODOLOGY_VERSION, ticker, retargetHeight, status);
}
