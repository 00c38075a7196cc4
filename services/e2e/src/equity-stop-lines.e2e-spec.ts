import { join } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { HttpReplayServer, loadReplayFixture } from '@hashdesk/testing/http-replay';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';
import { TEST_ADMIN_HEADERS } from '@hashdesk/testing';

const STOOQ_FIXTURES = join(__dirname, '..', '..', 'ingest', 'src', 'adapters', '__fixtures__', 'stooq');

/**
 * Live equity data to a risk signal over the real broker: ingest's Stooq adapter (recorded CSV from a
 * local replay server) publishes MARA's daily closes on ingest.equity.observed.v1; risk runs them
 * through a fixed stop line and raises one breach and one recovery.
 */
describe('equity quotes from ingest drive the risk stop lines', () => {
  let stooq: HttpReplayServer;
  let stack: Stack;

  beforeAll(async () => {
    stooq = await HttpReplayServer.start();
    stooq.serveFixture(loadReplayFixture(join(STOOQ_FIXTURES, 'daily-mara.json')));
    stack = new Stack('equity-lines', { INGEST_STOOQ_BASE_URL: stooq.baseUrl, INGEST_EQUITY_TICKERS: 'MARA' });
    await stack.prepare();
    await stack.start('risk'); // the line exists before the first quote arrives
    await seedCompanyProfiles(stack, ['MARA']);
  }, 120_000);
  afterAll(async () => {
    await stack.stopAll();
    await stooq.close();
  });

  it('given a fixed stop 10 % under a 25 USD entry, when the closes 24.87, 23.75, 21.94, 21.89, 22.98 arrive, then it breaches once at 21.94 and recovers at 22.98', async () => {
    const risk = stack.service('risk').url;
    const post = async (path: string, body: unknown) =>
      (await fetch(`${risk}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS }, body: JSON.stringify(body) })).json() as Promise<Record<string, string>>;
    const entry = await post('/v1/risk/watchlist', { ticker: 'MARA' });
    const line = await post(`/v1/risk/watchlist/${entry.entryId}/lines`, { kind: 'fixed', entryPriceUsd: 25, dropRatio: 0.1, recoveryMarginRatio: 0.02 });
    const alerts = await stack.probe(Topics.alertRaised);

    await stack.start('ingest');
    await alerts.waitFor((events) => events.length >= 2, 60_000, 'a breach and a recovery');
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read

    const ruleId = `stop-line.fixed.${line.lineId}`;
    expect(alerts.events.map((e) => [e.message.subject, e.message.ruleId, e.message.value])).toEqual([
      ['MARA', ruleId, 21.94],
      ['MARA', ruleId, 22.98],
    ]);
    expect(alerts.events[0].message.threshold).toBeCloseTo(22.5, 9);
    expect(alerts.events[0].message.lineage?.inputs[0]).toMatchObject({ eventType: 'hashdesk.v1.EquityQuoteObserved' });
  }, 120_000);
});
