import { runStandingScenarios } from '@hashdesk/economics';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { SCENARIO_TABLE_COLUMNS, scenarioTableRows } from './scenario-table.mapper';

function missing(what: string): never {
  throw new Error(what);
}
const riot = readShippedCompanyProfiles().find((p) => p.ticker === 'RIOT') ?? missing('the shipped RIOT profile');
const market = { btcPriceUsd: 110_300, difficulty: 150.3e12, height: 918_432, feesBtcPerBlock: 0.02, sharePriceUsd: 14 };

describe('scenario table rows', () => {
  it('given a standing result as stored (JSON), when flattened, then the base comes first, then each scenario with its figures and missing inputs', () => {
    const result = runStandingScenarios(riot, market, { company: { otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 } });
    const rows = scenarioTableRows('RIOT', '2025-10-03T12:00:00.000Z', JSON.parse(JSON.stringify(result)));
    expect(rows.map((r) => r.scenario)).toEqual(['base', ...result.scenarios.map((s) => s.name)]);
    expect(Object.keys(rows[0])).toEqual(SCENARIO_TABLE_COLUMNS);
    expect(rows[0]).toMatchObject({ ticker: 'RIOT', asOf: '2025-10-03T12:00:00.000Z', btcPriceUsd: 110_300, allInMarginRatio: result.base.allInMarginRatio, equityValuePerShareChangeRatio: null });
    expect(rows[2]).toMatchObject({ scenario: 'btc −40 %', btcPriceUsd: 110_300 * 0.6, netCashFlowUsdPerMonth: result.scenarios[1].netCashFlowUsdPerMonth });
  });

  it('given figures with unknown inputs, when flattened, then the null figures stay null and name what they need', () => {
    const result = runStandingScenarios(riot, market);
    const [base] = scenarioTableRows('RIOT', null, JSON.parse(JSON.stringify(result)));
    expect(base.allInMarginRatio).toBeNull();
    expect(base.missingInputs).toContain(`allInMarginRatio: ${result.base.missingInputs.allInMarginRatio.join(', ')}`);
  });
});
