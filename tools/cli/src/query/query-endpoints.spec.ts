import { QUERY_ENDPOINTS } from './query-endpoints';
import { serviceMessage } from './service-http.client';
import { ALERTS_BODY, COMPARABLES_BODY, SCENARIOS_BODY, VALUATION_BODY } from './service-responses.testing';

/** The fixture's standing scenarios, base first; the last name holds commas. */
const SCENARIO_NAMES = ['base', 'btc −20 %', 'difficulty +10 %', 'next halving', 'severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving'];

describe('endpoint rows for CSV', () => {
  it('given a scenario evaluation, when tabulated, then base comes first, then one row per standing scenario, each with its evaluation and risk score', () => {
    const rows = QUERY_ENDPOINTS['scenarios'].rows(SCENARIOS_BODY);

    expect(rows.map((row) => row['name'])).toEqual(SCENARIO_NAMES);
    expect(rows.every((row) => row['ticker'] === 'RIOT' && row['evaluationId'] === 'eval-riot-1' && row['riskScore'] === 41.5)).toBe(true);
    expect(rows[1]['btcPriceUsd']).toBe(SCENARIOS_BODY.evaluation.standingScenarios.scenarios[0].btcPriceUsd);
  });

  it('given the other bodies, when tabulated, then valuation is one row, alerts one per alert and comparables its items', () => {
    expect(QUERY_ENDPOINTS['valuation'].rows(VALUATION_BODY)).toEqual([VALUATION_BODY]);
    expect(QUERY_ENDPOINTS['alerts'].rows(ALERTS_BODY)).toHaveLength(2);
    expect(QUERY_ENDPOINTS['comparables'].rows(COMPARABLES_BODY)).toEqual(COMPARABLES_BODY.items);
    expect(QUERY_ENDPOINTS['backtest'].rows({ ticker: 'RIOT', quarters: [{ periodEnd: '2025-09-30' }] })).toEqual([{ ticker: 'RIOT', periodEnd: '2025-09-30' }]);
  });
});

describe('serviceMessage', () => {
  it.each([
    ['{"statusCode":401,"code":"API_KEY_REQUIRED","message":"reads need an API key here"}', 'API_KEY_REQUIRED: reads need an API key here'],
    ['{"statusCode":400,"message":["asOf must be an ISO 8601 timestamp","x"],"error":"Bad Request"}', 'asOf must be an ISO 8601 timestamp; x'],
    ['{"statusCode":404,"message":"no company ZZZ","error":"Not Found"}', 'no company ZZZ'],
    ['<html>\n <body>Bad Gateway</body></html>', '<html> <body>Bad Gateway</body></html>'],
    ['', '(empty body)'],
  ])('given the body %p, when reported, then the message is %p', (body, message) => {
    expect(serviceMessage(body)).toBe(message);
  });
});
