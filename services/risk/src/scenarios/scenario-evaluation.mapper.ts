import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  InputRefSchema, LineageSchema, ScenarioFiguresSchema, ScenariosEvaluatedSchema, type CompanyValued, type ScenarioFigures as ScenarioFiguresMessage, type ScenariosEvaluated,
} from '@hashdesk/contracts';
import {
  METHODOLOGY_VERSION, type BalanceSheetRisk, type MarketInputs, type ScenarioFigures, type StandingScenarioResult, type StandingScenarioRow,
} from '@hashdesk/economics';
import { derivedEventId, PoisonMessageError } from '@hashdesk/messaging';

/** Bumped whenever the evaluation of a valuation changes. */
export const SCENARIO_EVALUATION_METHODOLOGY_VERSION = `risk.standing-scenarios/1 (${METHODOLOGY_VERSION}; market = the valuation's; shipped profile; standing set)`;

/** The valuation event as risk's lineage names it. */
export interface ValuationEventRef {
  eventId: string;
  eventType: string;
  eventTime: Date;
}

/**
 * The market a company valuation used: its BTC price, difficulty, height and share price, and the fees
 * per block from its result (metrics.market). A valuation without them breaks an invariant: poison.
 */
export function marketOfValuation(valued: CompanyValued): MarketInputs {
  let fees: unknown;
  try {
    fees = (JSON.parse(valued.resultJson) as { metrics?: { market?: { feesBtcPerBlock?: unknown } } }).metrics?.market?.feesBtcPerBlock;
  } catch {
    throw new PoisonMessageError('RESULT_JSON_INVALID', `valuation ${valued.valuationId}: result_json is not JSON`);
  }
  if (typeof fees !== 'number' || !Number.isFinite(fees) || fees < 0) {
    throw new PoisonMessageError('MARKET_INCOMPLETE', `valuation ${valued.valuationId}: result_json lacks metrics.market.feesBtcPerBlock`);
  }
  if (!(valued.btcPriceUsd > 0) || !(valued.difficulty > 0) || !valued.asOf) {
    throw new PoisonMessageError('MARKET_INCOMPLETE', `valuation ${valued.valuationId}: needs a positive BTC price and difficulty and an as-of`);
  }
  return {
    btcPriceUsd: valued.btcPriceUsd,
    difficulty: valued.difficulty,
    height: valued.height,
    feesBtcPerBlock: fees,
    ...(valued.sharePriceUsd !== undefined ? { sharePriceUsd: valued.sharePriceUsd } : {}),
  };
}

const opt = (x: number | null): number | undefined => (x === null || !Number.isFinite(x) ? undefined : x);

function figuresMessage(name: string, f: ScenarioFigures, changeRatio: number | null): ScenarioFiguresMessage {
  return create(ScenarioFiguresSchema, {
    name,
    btcPriceUsd: f.btcPriceUsd,
    hashpriceUsdPerPhDay: f.hashpriceUsdPerPhDay,
    directMarginRatio: opt(f.directMarginRatio),
    allInMarginRatio: opt(f.allInMarginRatio),
    directCostPerBtcUsd: opt(f.directCostPerBtcUsd),
    allInCostPerBtcUsd: opt(f.allInCostPerBtcUsd),
    allInCostToPriceRatio: opt(f.allInCostToPriceRatio),
    breakEvenBtcPriceUsd: opt(f.breakEvenBtcPriceUsd),
    ebitdaRunRateUsdPerYear: opt(f.ebitdaRunRateUsdPerYear),
    netCashFlowUsdPerMonth: opt(f.netCashFlowUsdPerMonth),
    liquidityRunwayMonths: opt(f.liquidityRunwayMonths),
    burningCash: f.burningCash ?? undefined,
    equityValuePerShareUsd: opt(f.equityValuePerShareUsd),
    equityValuePerShareChangeRatio: opt(changeRatio),
  });
}

/** Pure: the event risk publishes for one valuation's standing scenarios and risk score. Same inputs → same bytes. */
export function scenariosEvaluatedFor(
  valued: CompanyValued,
  source: ValuationEventRef,
  market: MarketInputs,
  scenarios: StandingScenarioResult,
  risk: BalanceSheetRisk,
  /** Further inputs, e.g. the policy register entries the score read. */
  otherInputs: readonly ValuationEventRef[] = [],
): ScenariosEvaluated {
  return create(ScenariosEvaluatedSchema, {
    evaluationId: evaluationIdFor(source.eventId),
    ticker: valued.ticker,
    asOf: valued.asOf,
    knownAt: valued.knownAt,
    valuationId: valued.valuationId,
    btcPriceUsd: market.btcPriceUsd,
    difficulty: market.difficulty,
    height: market.height ?? 0,
    feesBtcPerBlock: market.feesBtcPerBlock ?? 0,
    sharePriceUsd: market.sharePriceUsd,
    base: figuresMessage('base', scenarios.base, null),
    scenarios: scenarios.scenarios.map((row: StandingScenarioRow) => figuresMessage(row.name, row, row.equityValuePerShareChangeRatio)),
    riskScore: opt(risk.riskScore.score),
    unknownRiskComponents: [...risk.riskScore.unknownComponents],
    lineage: create(LineageSchema, {
      methodologyVersion: SCENARIO_EVALUATION_METHODOLOGY_VERSION,
      inputs: [source, ...otherInputs].map((input) => create(InputRefSchema, { eventId: input.eventId, eventType: input.eventType, eventTime: timestampFromDate(input.eventTime) })),
    }),
  });
}

/** One evaluation per valuation event and methodology: a redelivery or a replay gets the same id. */
export function evaluationIdFor(valuationEventId: string): string {
  return derivedEventId(SCENARIO_EVALUATION_METHODOLOGY_VERSION, valuationEventId);
}

/** The valuation's as-of, the evaluation's point in time. */
export const asOfOf = (valued: CompanyValued): Date => timestampDate(valued.asOf ?? timestampFromDate(new Date(0)));
