import { create, toJson } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyValuedSchema, ScenariosEvaluatedSchema } from '@hashdesk/contracts';
import { balanceSheetRisk, companyMetrics, runStandingScenarios, STANDING_SCENARIOS, type MarketInputs } from '@hashdesk/economics';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { sortRows } from '../common/sort-rows';
import { scenariosEvaluatedFor } from './scenario-evaluation.mapper';
import type { StoredScenarioEvaluation } from './scenario-evaluations.repository';
import { scenarioSlug, UNIVERSE_COLUMNS, UNIVERSE_METRICS, universeRow } from './universe-row.mapper';

function missing(what: string): never {
  throw new Error(what);
}
const riot = readShippedCompanyProfiles().find((p) => p.ticker === 'RIOT') ?? missing('the shipped RIOT profile');
const asOf = new Date('2025-10-03T12:00:00Z');
const eventTime = new Date('2025-10-03T12:00:07Z');
const market: MarketInputs = { btcPriceUsd: 110_300, difficulty: 150.3e12, height: 918_432, feesBtcPerBlock: 0.02, sharePriceUsd: 14 };

/** An evaluation as EvaluateCompanyValuedUseCase stores it, read back through JSON as PostgreSQL's jsonb returns it. */
function storedEvaluation(): { stored: StoredScenarioEvaluation; scenarios: ReturnType<typeof runStandingScenarios>; risk: ReturnType<typeof balanceSheetRisk> } {
  // Per-BTC opex fallbacks the shipped profile lacks, so that margins, cash flow and runway are known.
  const company = { otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 };
  const options = { company, valuation: { excludeIncompleteHpcContracts: true, valuationDate: '2025-10-03' } };
  const scenarios = runStandingScenarios(riot, market, options, STANDING_SCENARIOS);
  const risk = balanceSheetRisk(riot, companyMetrics(riot, market, company), scenarios, { policy: { events: [], asOf } });
  const valued = create(CompanyValuedSchema, {
    valuationId: 'v-1', ticker: 'RIOT', asOf: timestampFromDate(asOf), knownAt: timestampFromDate(asOf), profileVersion: 1,
    btcPriceUsd: market.btcPriceUsd, difficulty: market.difficulty, height: market.height ?? 0, sharePriceUsd: 14, resultJson: '{}',
  });
  const message = scenariosEvaluatedFor(valued, { eventId: 'valuation-event-1', eventType: 'hashdesk.v1.CompanyValued', eventTime }, market, scenarios, risk, [
    { eventId: 'profile-1', eventType: 'hashdesk.v1.CompanyProfileRecorded', eventTime: new Date('2025-01-01T00:00:00Z') },
  ]);
  const evaluation = JSON.parse(JSON.stringify({ event: toJson(ScenariosEvaluatedSchema, message), standingScenarios: scenarios, balanceSheetRisk: risk })) as Record<string, unknown>;
  const stored: StoredScenarioEvaluation = {
    evaluationId: message.evaluationId, ticker: 'RIOT', asOf: asOf.toISOString(), knownAt: asOf.toISOString(), valuationId: 'v-1',
    valuationEventId: 'valuation-event-1', market, recordedAt: '2025-10-03T12:00:09.000Z', evaluation,
  };
  return { stored, scenarios, risk };
}

describe('universe row of a stored scenario evaluation', () => {
  it('given scenario names with signs, percents and ampersands, when slugged, then they become column prefixes without spaces or signs', () => {
    expect(scenarioSlug('btc −20 %')).toBe('btc-minus-20-pct');
    expect(scenarioSlug('difficulty +10 %')).toBe('difficulty-plus-10-pct');
    expect(scenarioSlug('next halving & btc −20 %')).toBe('next-halving-and-btc-minus-20-pct');
    expect(scenarioSlug('severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving'))
      .toBe('severe-btc-minus-60-pct-difficulty-plus-25-pct-fees-minus-50-pct-power-plus-50-pct-halving');
    // Distinct scenarios stay distinct columns.
    expect(new Set(STANDING_SCENARIOS.map((s) => scenarioSlug(s.name))).size).toBe(STANDING_SCENARIOS.length);
  });

  it('given the column list, then every column is unique and every numeric one names its unit', () => {
    expect(new Set(UNIVERSE_COLUMNS).size).toBe(UNIVERSE_COLUMNS.length);
    for (const column of UNIVERSE_METRICS) expect(column).toMatch(/(Usd|Ratio|Months|PerMonth|PerYear|PerPhDay|0To100|0To1)$/);
    expect(UNIVERSE_COLUMNS).toHaveLength(4 + 4 + 6 + 1 + 8 + STANDING_SCENARIOS.length * 5 + 3);
  });

  it('given a stored evaluation, when mapped, then each column holds the stored figure it names', () => {
    const { stored, scenarios, risk } = storedEvaluation();
    const row = universeRow(stored);
    expect(Object.keys(row)).toEqual(UNIVERSE_COLUMNS);
    expect(row).toMatchObject({
      ticker: 'RIOT',
      asOf: '2025-10-03T12:00:00.000Z',
      valuationEventTime: '2025-10-03T12:00:07Z', // the valuation event's time from the lineage, not the profile's
      btcPriceUsd: 110_300,
      sharePriceUsd: 14,
      evaluationId: stored.evaluationId,
      valuationEventId: 'valuation-event-1',
    });
    expect(row.hashpriceUsdPerPhDay).toBeCloseTo(scenarios.market.hashpriceUsdPerPhDay, 12);
    expect(row.riskScore0To100).toBe(risk.riskScore.score);
    expect(row.leverageComponent0To1).toBe(risk.riskScore.components.leverage);
    expect(row.policyComponent0To1).toBe(0); // an empty register
    expect(row.unknownRiskComponents).toEqual(risk.riskScore.unknownComponents);
    expect(row['base.allInMarginRatio']).toBe(scenarios.base.allInMarginRatio);
    const btc40 = scenarios.scenarios.find((s) => s.name === 'btc −40 %');
    expect(row['btc-minus-40-pct.allInMarginRatio']).toBe(btc40?.allInMarginRatio);
    expect(row['btc-minus-40-pct.breakEvenBtcPriceUsd']).toBe(btc40?.breakEvenBtcPriceUsd);
    expect(row['btc-minus-40-pct.equityValuePerShareChangeRatio']).toBe(btc40?.equityValuePerShareChangeRatio);
    const severe = scenarios.scenarios[scenarios.scenarios.length - 1];
    expect(row[`${scenarioSlug(severe.name)}.netCashFlowUsdPerMonth`]).toBe(severe.netCashFlowUsdPerMonth);
    // Under the shocks the margin falls from the base: the columns are not all the same figure.
    expect(row['btc-minus-40-pct.allInMarginRatio'] as number).toBeLessThan(row['base.allInMarginRatio'] as number);
  });

  it('given an evaluation stored without a standing scenario (an older set), when mapped, then that scenario\'s columns are null and the rest are kept', () => {
    const { stored } = storedEvaluation();
    const tables = stored.evaluation as { standingScenarios: { scenarios: Array<{ name: string }> } };
    tables.standingScenarios.scenarios = tables.standingScenarios.scenarios.filter((s) => s.name !== 'fees −50 %');
    const row = universeRow(stored);
    expect(row['fees-minus-50-pct.allInMarginRatio']).toBeNull();
    expect(row['fees-minus-50-pct.liquidityRunwayMonths']).toBeNull();
    expect(row['btc-minus-20-pct.allInMarginRatio']).toEqual(expect.any(Number));
  });

  it('given rows with an unknown score, when sorted either way, then the unknown one is last and ties go by ticker', () => {
    const rows = [
      { ticker: 'RIOT', riskScore0To100: 40 },
      { ticker: 'MARA', riskScore0To100: null },
      { ticker: 'CLSK', riskScore0To100: 55 },
      { ticker: 'BITF', riskScore0To100: 40 },
    ];
    expect(sortRows(rows, 'riskScore0To100', 'desc', 'ticker').map((r) => r.ticker)).toEqual(['CLSK', 'BITF', 'RIOT', 'MARA']);
    expect(sortRows(rows, 'riskScore0To100', 'asc', 'ticker').map((r) => r.ticker)).toEqual(['BITF', 'RIOT', 'CLSK', 'MARA']);
  });
});
