import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestEnv } from '../config/ingest.config';
import { HttpReplayServer, fixture } from '../adapters/testing/replay';
import { BUNDLED_HISTORY_DIR, readHistoryCiks } from './history-ciks.reader';
import { createLiveAdapters } from './live-adapters.factory';

const env = (settings: Partial<IngestEnv>): IngestEnv => Object.assign(new IngestEnv(), settings);

describe('live adapters: SEC EDGAR companies', () => {
  let dir: string;
  let server: HttpReplayServer;
  beforeAll(async () => {
    server = await HttpReplayServer.start();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hashdesk-history-'));
    writeFileSync(join(dir, 'mara.json'), JSON.stringify({ ticker: 'MARA', cik: '0001507605', quarters: [] }));
    writeFileSync(join(dir, 'nocik.json'), JSON.stringify({ ticker: 'NOCK', cik: null, quarters: [] }));
    writeFileSync(join(dir, 'half.json'), '{"ticker": "HALF", "cik": "00'); // a researcher is writing it
    writeFileSync(join(dir, 'FORMAT.md'), '# not a history');
    server.reset();
    server.serveFixture(fixture('sec-edgar', 'companyfacts-mara'));
    server.serveFixture(fixture('sec-edgar', 'submissions-mara'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => server.close());

  it('reads ticker → CIK from the histories, skipping a file without a cik and one that cannot be read, and saying why', () => {
    const { companies, skipped } = readHistoryCiks(dir);

    expect(companies).toEqual({ MARA: '0001507605' });
    expect(skipped).toEqual([
      { file: 'half.json', reason: expect.stringContaining('not readable JSON') },
      { file: 'nocik.json', reason: 'no cik' },
    ]);
  });

  it('reads every bundled history that has a CIK', () => {
    const bundled = readdirSync(BUNDLED_HISTORY_DIR).filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(BUNDLED_HISTORY_DIR, name), 'utf8')) as { ticker: string; cik: string | null })
      .filter((history) => history.cik);

    expect(Object.entries(readHistoryCiks().companies).sort()).toEqual(bundled.map((h) => [h.ticker, h.cik]).sort());
  });

  it('without INGEST_SEC_COMPANIES, polls every history with a CIK, naming hashdesk and the contact e-mail, and warns about the files left out', async () => {
    const warnings: string[] = [];

    const adapters = createLiveAdapters(env({ INGEST_SEC_BASE_URL: server.baseUrl, INGEST_SEC_CONTACT_EMAIL: 'ops@hashdesk.example', INGEST_SEC_HISTORY_DIR: dir }), (m) => warnings.push(m));
    const sec = adapters.find((a) => a.id === 'sec-edgar')!;
    const result = await sec.poll(new Date('2024-12-16T12:00:00Z'));

    expect(result.outcome).toBe('ok');
    expect(server.requests.map((r) => r.path)).toEqual(['/api/xbrl/companyfacts/CIK0001507605.json', '/submissions/CIK0001507605.json']);
    for (const request of server.requests) expect(request.headers['user-agent']).toBe('hashdesk ops@hashdesk.example');
    expect(warnings).toEqual([expect.stringContaining('half.json'), expect.stringContaining('nocik.json')]);
  });

  it('prefers the explicit INGEST_SEC_COMPANIES and INGEST_SEC_USER_AGENT', async () => {
    const warnings: string[] = [];
    server.serveFixture(fixture('sec-edgar', 'companyfacts-unknown-cik.404'));

    const adapters = createLiveAdapters(env({
      INGEST_SEC_BASE_URL: server.baseUrl, INGEST_SEC_USER_AGENT: 'hashdesk-test desk@hashdesk.example', INGEST_SEC_CONTACT_EMAIL: 'ops@hashdesk.example',
      INGEST_SEC_COMPANIES: 'ZZZZ:9999999', INGEST_SEC_HISTORY_DIR: dir,
    }), (m) => warnings.push(m));
    await adapters.find((a) => a.id === 'sec-edgar')!.poll(new Date('2024-12-16T12:00:00Z'));

    expect(server.requests.map((r) => [r.path, r.headers['user-agent']])).toEqual([['/api/xbrl/companyfacts/CIK0009999999.json', 'hashdesk-test desk@hashdesk.example']]);
    expect(warnings).toEqual([]);
  });

  it('leaves the SEC adapter off without a contact, or when no company has a CIK', () => {
    const warnings: string[] = [];
    rmSync(join(dir, 'mara.json'));

    expect(createLiveAdapters(env({ INGEST_SEC_BASE_URL: server.baseUrl, INGEST_SEC_COMPANIES: 'MARA:1507605' })).map((a) => a.id)).not.toContain('sec-edgar');
    expect(createLiveAdapters(env({ INGEST_SEC_BASE_URL: server.baseUrl, INGEST_SEC_CONTACT_EMAIL: 'ops@hashdesk.example', INGEST_SEC_HISTORY_DIR: dir }), (m) => warnings.push(m)).map((a) => a.id)).not.toContain('sec-edgar');
    expect(warnings.at(-1)).toContain('SEC EDGAR adapter off');
  });
});
