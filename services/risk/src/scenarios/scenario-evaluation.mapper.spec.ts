import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyValuedSchema, type CompanyValued } from '@hashdesk/contracts';
import { balanceSheetRisk, companyMetrics, runStandingScenarios, STANDING_SCENARIOS } from '@hashdesk/economics';
import { PoisonMessageError } from '@hashdesk/messaging';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { evaluationIdFor, marketOfValuation, scenariosEvaluatedFor, SCENARIO_EVALUATION_METHODOLOGY_VERSION } from './scenario-evaluation.mapper';

const riot = readShippedCompanyProfiles().find((p) => p.ticker === 'RIOT');
const asOf = new Date('2025-10-03T12:00:00Z');
const valuation = (overrides: Partial<CompanyValued> = {}): CompanyValued =>
  create(CompanyValuedSchema, {
    valuationId: 'v-1',
    ticker: 'RIOT',
    asOf: timestampFromDate(asOf),
    knownAt: timestampFromDate(new Date('2025-10-03T12:00:05Z')),
    profileVersion: 1,
    btcPriceUsd: 110_300,
    difficulty: 150.3e12,
    height: 918_432,
    sharePriceUsd: 14,
    resultJson: JSON.stringify({ metrics: { market: { feesBtcPerBlock: 0.02 } }, valuation: {} }),
    ...overrides,
  });
const source = { eventId: 'e-1', eventType: 'hashdesk.v1.CompanyValued', eventTime: asOf };

describe('scenario evaluation of a company valuation', () => {
  it('given a valuation, when its market is read, then it is the valuation\'s price, difficulty, height, share price and fees', () => {
    expect(marketOfValuation(valuation())).toEqual({ btcPriceUsd: 110_300, difficulty: 150.3e12, height: 918_432, feesBtcPerBlock: 0.02, sharePriceUsd: 14 });
    expect(marketOfValuation(valuation({ sharePriceUsd: undefined }))).not.toHaveProperty('sharePriceUsd');
  });

  it.each([
    ['result_json not JSON', { resultJson: '{' }],
    ['no fees in the result', { resultJson: '{"metrics":{}}' }],
    ['no BTC price', { btcPriceUsd: 0 }],
    ['no as-of', { asOf: undefined }],
  ])('given a valuation with %s, when its market is read, then it is poison', (_, overrides) => {
    expect(() => marketOfValuation(valuation(overrides as Partial<CompanyValued>))).toThrow(PoisonMessageError);
  });

  it('given RIOT\'s standing scenarios, when the event is built, then it names every scenario, carries the risk score and points at the valuation event', () => {
    if (!riot) throw new Error('RIOT is shipped');
    const valued = valuation();
    const market = marketOfValuation(valued);
    const scenarios = runStandingScenarios(riot, market, {}, STANDING_SCENARIOS);
    const risk = balanceSheetRisk(riot, companyMetrics(riot, market), scenarios);
    const event = scenariosEvaluatedFor(valued, source, market, scenarios, risk);

    expect(event.ticker).toBe('RIOT');
    expect(event.evaluationId).toBe(evaluationIdFor('e-1'));
    expect(event.scenarios.map((s) => s.name)).toEqual(STANDING_SCENARIOS.map((s) => s.name));
    expect(event.base?.name).toBe('base');
    expect(event.base?.btcPriceUsd).toBe(110_300);
    expect(event.scenarios[0].btcPriceUsd).toBeCloseTo(110_300 * 0.8, 6);
    expect(event.scenarios[0].allInMarginRatio).toBe(scenarios.scenarios[0].allInMarginRatio ?? undefined);
    expect(event.riskScore).toBe(risk.riskScore.score ?? undefined);
    expect(event.lineage?.methodologyVersion).toBe(SCENARIO_EVALUATION_METHODOLOGY_VERSION);
    expect(event.lineage?.inputs.map((i) => i.eventId)).toEqual(['e-1']);
    expect(event.asOf).toEqual(valued.asOf);
    // Same inputs, same event.
    expect(scenariosEvaluatedFor(valued, source, market, scenarios, risk)).toEqual(event);
  });
});
