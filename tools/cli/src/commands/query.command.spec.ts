import { createServer } from 'node:net';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a test may use the harness, as services' tests do (eslint.config.mjs exempts only services/**)
import { HttpReplayServer } from '@hashdesk/testing/http-replay';
import { runHashdesk, runHashdeskAsync } from '../cli-spawn.testing';
import { csvObjects } from '../query/csv-parse.testing';
import { ALERTS_BODY, COMPARABLES_BODY, COMPARABLES_CSV, SCENARIOS_BODY, VALUATION_BODY } from '../query/service-responses.testing';

/** The fixture's standing scenarios, base first; the last name holds commas. */
const SCENARIO_NAMES = ['base', 'btc −20 %', 'difficulty +10 %', 'next halving', 'severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving'];

/*
 * `hashdesk query` against a real HTTP server on a free local port, answering in the services'
 * shapes. The URL names a port, so both services are asked at this one server (the gateway case).
 */
describe('hashdesk query against a local HTTP server', () => {
  let server: HttpReplayServer;
  const KEY = { HASHDESK_API_KEY: 'hdk_test_desk', HASHDESK_URL: undefined, HASHDESK_VALUATION_URL: undefined, HASHDESK_RISK_URL: undefined };
  const query = (...args: string[]) => runHashdeskAsync(KEY, 'query', ...args, '--url', server.baseUrl);

  beforeAll(async () => {
    server = await HttpReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('given valuation as JSON, when run, then it GETs the path with asOf and knownAt and the x-api-key, and prints the body as it came', async () => {
    server.route({ path: '/v1/companies/RIOT/valuation', query: { asOf: '2025-10-01T23:59:59.999Z', knownAt: '2025-10-02T00:00:00.000Z' } }, { bodyJson: VALUATION_BODY });

    const run = await query('valuation', '--ticker', 'riot', '--as-of', '2025-10-01', '--known-at', '2025-10-02T00:00:00Z', '--format', 'json');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].url).toBe('/v1/companies/RIOT/valuation?asOf=2025-10-01T23%3A59%3A59.999Z&knownAt=2025-10-02T00%3A00%3A00.000Z');
    expect(server.requests[0].headers['x-api-key']).toBe('hdk_test_desk');
    expect(run.stdout).toBe(`${JSON.stringify(VALUATION_BODY)}\n`);
  });

  it('given valuation as CSV, when run, then one header row and one row carry the nested figures as dotted columns with plain numbers', async () => {
    server.route({ path: '/v1/companies/RIOT/valuation', query: {} }, { bodyJson: VALUATION_BODY });

    const run = await query('valuation', '--ticker', 'RIOT', '--format', 'csv');

    expect(run.status).toBe(0);
    const rows = csvObjects(run.stdout);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['valuationId', 'ticker', 'asOf', 'knownAt']);
    expect(rows[0]['difficulty']).toBe('150840000000000');
    expect(Number(rows[0]['metrics.btcPerDay'])).toBe(VALUATION_BODY.metrics.btcPerDay);
    expect(JSON.parse(rows[0]['lineage.inputs'])).toEqual(VALUATION_BODY.lineage.inputs);
  });

  it('given comparables as CSV, when run, then it asks the service for format=csv and prints its CSV byte for byte', async () => {
    server.route({ path: '/v1/comparables', query: { format: 'csv', asOf: '2025-10-01T23:59:59.999Z' } }, { headers: { 'content-type': 'text/csv; charset=utf-8' }, body: COMPARABLES_CSV });

    const run = await runHashdeskAsync({ ...KEY, HASHDESK_API_KEY: undefined }, 'query', 'comparables', '--as-of', '2025-10-01', '--format', 'csv', '--url', server.baseUrl);

    expect(run.status).toBe(0);
    expect(run.stdout).toBe(COMPARABLES_CSV);
    expect(server.requests[0].headers['x-api-key']).toBeUndefined();
    expect(csvObjects(run.stdout)[0]['name']).toBe('MARA Holdings, Inc.');
  });

  it('given comparables as CSV from a service that answers JSON anyway, when run, then the CLI flattens its items', async () => {
    server.route({ path: '/v1/comparables' }, { bodyJson: COMPARABLES_BODY });

    const run = await query('comparables', '--format', 'csv');

    expect(run.status).toBe(0);
    expect(csvObjects(run.stdout)).toEqual([{ ticker: 'RIOT', name: 'Riot Platforms', evPerEhUsd: '98000000', mNavBasic: '1.12', sources: 'https://riotplatforms.com/q3' }]);
  });

  it('given scenarios as CSV, when run, then risk is asked for the evaluation as of the end of the day and each standing scenario is a row', async () => {
    server.route({ path: '/v1/risk/companies/RIOT/scenarios', query: { asOf: '2025-10-01T23:59:59.999Z' } }, { bodyJson: SCENARIOS_BODY });

    const run = await query('scenarios', '--ticker', 'RIOT', '--as-of', '2025-10-01', '--format', 'csv');

    expect(run.status).toBe(0);
    const rows = csvObjects(run.stdout);
    expect(rows.map((row) => row['name'])).toEqual(SCENARIO_NAMES);
    expect(rows.every((row) => row['riskScore'] === '41.5' && row['evaluationId'] === 'eval-riot-1')).toBe(true);
    expect(server.requests[0].headers['x-api-key']).toBe('hdk_test_desk');
  });

  it('given alerts as CSV and as JSON, when run, then quoting survives a comma and quotes, tiny numbers are plain, and JSON is the list as served', async () => {
    server.route({ path: '/v1/alerts', query: {} }, { bodyJson: ALERTS_BODY });

    const csv = await query('alerts', '--format', 'csv');
    const json = await query('alerts', '--json');

    expect(csv.status).toBe(0);
    const rows = csvObjects(csv.stdout);
    expect(rows.map((row) => row['alertId'])).toEqual(['alert-2', 'alert-1']);
    expect(rows[0]['message']).toBe('RIOT "break-even" above price, by 5.6 %');
    expect(rows[1]['value']).toBe('0.0000004');
    expect(rows[1]['lineage.inputs']).toBe('');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(ALERTS_BODY);
  });

  it('given backtest, when run, then it GETs the company backtest (format=csv for CSV) and prints the service CSV', async () => {
    const csvBody = 'periodEnd,periodLabel,modelledBtcProduced\r\n2025-09-30,Q3 2025,1402.5\r\n';
    server.route({ path: '/v1/companies/MARA/backtest', query: { format: 'csv' } }, { headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csvBody });

    const run = await query('backtest', '--ticker', 'MARA', '--format', 'csv');

    expect(run.status).toBe(0);
    expect(run.stdout).toBe(csvBody);
  });

  it('given an HTTP error, when run, then exit 1 with the status and the service message on stderr, nothing on stdout', async () => {
    server.route({ path: '/v1/companies/ZZZ/valuation' }, { status: 404, bodyJson: { statusCode: 404, message: 'no company ZZZ', error: 'Not Found' } });
    server.route({ path: '/v1/alerts' }, { status: 401, bodyJson: { statusCode: 401, code: 'API_KEY_REQUIRED', message: 'reads need an API key here' } });

    const missing = await query('valuation', '--ticker', 'ZZZ');
    const refused = await query('alerts', '--format', 'csv');

    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^hashdesk query valuation: HTTP 404 from the valuation service \(GET http:\/\/127\.0\.0\.1:\d+\/v1\/companies\/ZZZ\/valuation\): no company ZZZ/);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('HTTP 401 from the risk service');
    expect(refused.stderr).toContain('API_KEY_REQUIRED: reads need an API key here');
  });

  it('given a redirect, when run, then it is not followed (the key would go with it) and exits 1 naming where it pointed', async () => {
    server.route({ path: '/v1/alerts' }, { redirectTo: 'http://elsewhere.example/v1/alerts' });

    const run = await query('alerts');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('HTTP 302');
    expect(run.stderr).toContain('http://elsewhere.example/v1/alerts: not followed');
    expect(server.requests).toHaveLength(1);
  });
});

describe('hashdesk query without a service', () => {
  /** A port nothing listens on: bound, then released. */
  async function closedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  it('given an unreachable service, when run, then exit 1 names the service, its address and the connection error', async () => {
    const port = await closedPort();

    const run = await runHashdeskAsync({}, 'query', 'scenarios', '--ticker', 'RIOT', '--risk-url', `http://127.0.0.1:${port}`);

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`hashdesk query scenarios: cannot reach the risk service at http://127.0.0.1:${port} (ECONNREFUSED); is it running? Point --url or --risk-url at it\n`);
  });

  it('given help, a missing or an unknown subcommand, when run, then help lists the subcommands and the errors exit 2 naming them', () => {
    const help = runHashdesk('query', '--help');
    const missing = runHashdesk('query', '--format', 'csv');
    const unknown = runHashdesk('query', 'portfolio');

    expect(help.status).toBe(0);
    for (const name of ['comparables', 'valuation', 'scenarios', 'alerts', 'backtest']) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^query: missing subcommand/);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^query portfolio: unknown subcommand \(one of comparables, valuation, scenarios, alerts, backtest\)/);
  });

  it('given a bad flag, when run, then exit 2 names the flag before any request', () => {
    const run = runHashdesk('query', 'valuation', '--as-of', '2025-10-01');

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^--ticker: is required/);
  });
});
