import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { HttpReplayServer, loadReplayFixture, type ReplayFixture } from '@hashdesk/testing/http-replay';
import { IngestHarness, sleep } from './ingest-harness';

const REPO = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(__dirname, '..', 'adapters', '__fixtures__', 'sec-edgar');

interface Figure { value: unknown; asOf: string | null; source: string | null; note?: string; knownAt?: string }
interface Profile { period: { endDate: string }; balanceSheet: Record<string, Figure>; opex: Record<string, Figure> }
interface RecordedFact { start?: string; end: string; val: number; accn: string; fy: number; fp: string; form: string; filed: string }
interface CompanyFacts { facts: Record<string, Record<string, { label?: string; units: Record<string, RecordedFact[]> }>> }
interface Submissions { filings: { recent: { accessionNumber: string[]; acceptanceDateTime: string[] } } }

/**
 * SEC EDGAR facts, polled live from a replay of the recorded companyfacts and submissions answers,
 * become new versions of MARA's profile (the shipped one has no cash or share count), each figure dated
 * by its period end, sourced to its filing and public from the filing's acceptance time; polling the
 * same filings again changes nothing.
 */
describe('ingest: SEC facts restate company profile figures', () => {
  const harness = new IngestHarness('ingest-sec');
  const companyFacts = withQuarterOfAnotherYear(loadReplayFixture(join(FIXTURES, 'companyfacts-mara.json')));
  const submissions = loadReplayFixture(join(FIXTURES, 'submissions-mara.json'));
  let sec: HttpReplayServer;

  beforeAll(async () => {
    await harness.prepare();
    sec = await HttpReplayServer.start();
    sec.serveFixture(companyFacts);
    sec.serveFixture(submissions);
  });
  afterAll(async () => {
    await harness.stop();
    await sec.close();
  });

  it('records the newest figures as new profile versions, each once, public from the filing’s acceptance time', async () => {
    const env = { INGEST_SEC_BASE_URL: sec.baseUrl, INGEST_SEC_USER_AGENT: 'hashdesk ops@hashdesk.example', INGEST_SEC_COMPANIES: 'MARA:1507605' };
    // The profile exists first, so the adapter has something to restate: started with the adapter off.
    await harness.start();
    const profiles = await harness.probe(Topics.companyProfileRecorded);
    const loaded = await harness.post('/v1/companies/profiles', readFileSync(join(REPO, 'data', 'companies', 'mara.json'), 'utf8'));
    expect(loaded.status).toBeLessThan(300);
    await profiles.waitFor((events) => events.length >= 1, 30_000, 'the shipped profile');
    await harness.service!.stop();

    await harness.start(env);
    const newest = (): Profile => JSON.parse(profiles.events.at(-1)!.message.profileJson) as Profile;
    await profiles.waitFor(() => profiles.events.length >= 2 && newest().balanceSheet.cashUsd.value !== null && newest().balanceSheet.sharesOutstanding.value !== null, 30_000, 'the restated profile');
    await sleep(2_000);
    const restated = newest();
    const shares = newestFact(bodyOf<CompanyFacts>(companyFacts), 'dei', 'EntityCommonStockSharesOutstanding', 'shares');
    const cash = newestFact(bodyOf<CompanyFacts>(companyFacts), 'us-gaap', 'CashAndCashEquivalentsAtCarryingValue', 'USD');

    expect(restated.balanceSheet.sharesOutstanding).toMatchObject({ value: shares.val, asOf: shares.end, source: filingIndex(shares.accn) });
    expect(restated.balanceSheet.sharesOutstanding.note).toContain(`accn ${shares.accn}`);
    expect(restated.balanceSheet.cashUsd).toMatchObject({ value: cash.val, asOf: cash.end, source: filingIndex(cash.accn), knownAt: acceptedAt(cash.accn) });
    expect(restated.balanceSheet.btcHeld).toMatchObject({ value: 52_850, asOf: '2025-09-30' }); // untouched
    // A quarter's amount restates only the profile of that quarter (here Q3 2025, the fact Q3 2024).
    expect(restated.opex.interestExpenseUsdInPeriod.value).toBeNull();

    // The same filings polled again after a restart: nothing new.
    const count = profiles.events.length;
    await harness.service!.stop();
    await harness.start(env);
    await sleep(4_000);
    expect(sec.requests.filter((r) => r.path.startsWith('/submissions/')).length).toBeGreaterThanOrEqual(2);
    expect(profiles.events).toHaveLength(count);
  });

  function acceptedAt(accn: string): string {
    const recent = bodyOf<Submissions>(submissions).filings.recent;
    const i = recent.accessionNumber.indexOf(accn);
    expect(i).toBeGreaterThanOrEqual(0);
    return new Date(recent.acceptanceDateTime[i]).toISOString();
  }
});

function bodyOf<T>(recording: ReplayFixture): T {
  return recording.response.bodyJson as T;
}

/** The newest-dated fact of a concept (the one a poll restates the profile with). */
function newestFact(body: CompanyFacts, taxonomy: string, tag: string, unit: string): RecordedFact {
  return [...body.facts[taxonomy][tag].units[unit]].sort((a, b) => a.end.localeCompare(b.end) || a.filed.localeCompare(b.filed)).at(-1)!;
}

function filingIndex(accn: string): string {
  return `https://www.sec.gov/Archives/edgar/data/1507605/${accn.replace(/-/g, '')}/`;
}

/** The recording plus a 3-month interest expense of Q3 2024 from the Q3 2024 10-Q: a quarter that is not the profile's. */
function withQuarterOfAnotherYear(recording: ReplayFixture): ReplayFixture {
  const copy = structuredClone(recording);
  const body = bodyOf<CompanyFacts>(copy);
  const q3Cash = body.facts['us-gaap'].CashAndCashEquivalentsAtCarryingValue.units.USD.find((f) => f.end === '2024-09-30')!;
  body.facts['us-gaap'].InterestExpense = { label: 'Interest Expense', units: { USD: [{ ...q3Cash, start: '2024-07-01', val: 1_000_000 }] } };
  return copy;
}
