import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { HttpReplayServer, loadReplayFixture } from '@hashdesk/testing/http-replay';
import { IngestHarness, sleep } from './ingest-harness';

const REPO = join(__dirname, '..', '..', '..', '..');
const FIXTURE = join(__dirname, '..', 'adapters', '__fixtures__', 'sec-edgar', 'companyfacts-mara.json');

/**
 * SEC EDGAR balance-sheet facts, polled live from a replay of the recorded companyfacts answer, become
 * a new version of MARA's profile (the shipped one has no cash or share count), each figure dated by
 * its period end and sourced to its filing; polling the same filings again changes nothing.
 */
describe('ingest: SEC facts restate company profile figures', () => {
  const harness = new IngestHarness('ingest-sec');
  let sec: HttpReplayServer;

  beforeAll(async () => {
    await harness.prepare();
    sec = await HttpReplayServer.start();
    sec.serveFixture(loadReplayFixture(FIXTURE));
  });
  afterAll(async () => {
    await harness.stop();
    await sec.close();
  });

  it('records the newest cash and share count as new profile versions, each once', async () => {
    const env = { INGEST_SEC_BASE_URL: sec.baseUrl, INGEST_SEC_USER_AGENT: 'hashdesk ops@hashdesk.example', INGEST_SEC_COMPANIES: 'MARA:1507605' };
    // The profile exists first, so the adapter has something to restate: started with the adapter off.
    await harness.start();
    const profiles = await harness.probe(Topics.companyProfileRecorded);
    const loaded = await harness.post('/v1/companies/profiles', readFileSync(join(REPO, 'data', 'companies', 'mara.json'), 'utf8'));
    expect(loaded.status).toBeLessThan(300);
    await profiles.waitFor((events) => events.length >= 1, 30_000, 'the shipped profile');
    await harness.service!.stop();

    await harness.start(env);
    await profiles.waitFor((events) => events.length >= 2, 30_000, 'the restated profile');
    await sleep(2_000);
    const versions = profiles.events.map((e) => JSON.parse(e.message.profileJson) as { balanceSheet: Record<string, { value: unknown; asOf: string; source: string }> });
    const restated = versions.at(-1)!.balanceSheet;
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(restated.sharesOutstanding).toMatchObject({ value: 321_700_000, asOf: '2024-10-25' });
    expect(restated.sharesOutstanding.source).toContain('accn 0001507605-24-000118');
    expect(restated.cashUsd.source).toMatch(/^SEC EDGAR 10-[QK] accn /);
    expect(restated.btcHeld).toMatchObject({ value: 52_850, asOf: '2025-09-30' }); // untouched

    // The same filings polled again after a restart: nothing new.
    const count = profiles.events.length;
    await harness.service!.stop();
    await harness.start(env);
    await sleep(4_000);
    expect(sec.requests.length).toBeGreaterThanOrEqual(2);
    expect(profiles.events).toHaveLength(count);
  });
});
