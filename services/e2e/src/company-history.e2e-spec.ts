import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { buildPeriodProfile, buildProfileVersions, parseCompanyProfile, summarizeBacktest, networkDaysFromDailyCsv, type CompanyHistory } from '@hashdesk/economics';
import { eventually, TEST_ADMIN_HEADERS } from '@hashdesk/testing';
import { Stack } from './stack';

/**
 * The researched company history through the real stack: load-history records every point-in-time
 * version through ingest (once), valuation values each day of the network history with the version
 * usable that day (never a quarter before its sources were published) and serves the backtest, which
 * agrees with the pure backtest the CLI runs on the same files.
 */
const ROOT = resolve(__dirname, '../../..');
const riot = JSON.parse(readFileSync(resolve(ROOT, 'data/companies/history/riot.json'), 'utf8')) as CompanyHistory;
const versions = buildProfileVersions(riot);
// A version that starts a new quarter, with the quarter before it: the switch the test watches.
const switchIndex = versions.findIndex((v, i) => i > 0 && v.periodEnd !== versions[i - 1].periodEnd && Date.parse(v.knownAt) < Date.parse('2025-12-01T00:00:00Z'));
const next = versions[switchIndex];
const previousPeriodEnd = versions[switchIndex - 1].periodEnd;
const quarter = riot.quarters.find((q) => q.periodEnd === next.periodEnd)!;

const csvLines = readFileSync(resolve(ROOT, 'data/reference/network-daily.csv'), 'utf8').trim().split('\n');
const header = csvLines[0];
const rows = csvLines.slice(1).map((line) => line.split(','));
const col = (name: string) => header.split(',').indexOf(name);
// Network days: from the quarter's first day to five days after the new version became usable.
const fromDay = quarter.startDate;
const toDay = new Date(Date.parse(next.knownAt) + 5 * 86_400_000).toISOString().slice(0, 10);
const slice = rows.filter((r) => r[0] >= fromDay && r[0] <= toDay);
const firstHeight = 556_464 + rows.filter((r) => r[0] < fromDay).reduce((sum, r) => sum + Number(r[col('blocks')]), 0);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('company history through ingest and valuation', () => {
  const stack = new Stack('company-history');
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${stack.service('valuation').url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const load = () => JSON.parse(execFileSync(process.execPath, ['-r', './scripts/register.js', 'services/ingest/src/companies/load-history.main.ts', 'data/companies/history/riot.json'], {
    cwd: ROOT, env: { ...process.env, ...stack.env(), LOG_LEVEL: 'warn' }, encoding: 'utf8',
  }).trim().split('\n').pop() as string) as { versions: number; published: number; failed: number };

  beforeAll(async () => {
    expect(switchIndex).toBeGreaterThan(0);
    await stack.prepare();
    await stack.start('ingest', 'valuation');
  });
  afterAll(() => stack.stopAll());

  it('records every version once, with the time it became public as its event time', async () => {
    const recorded = await stack.probe(Topics.companyProfileRecorded);
    expect(load()).toMatchObject({ failed: 0, versions: versions.length, published: versions.length });
    expect(load()).toMatchObject({ failed: 0, versions: versions.length, published: 0 });
    const events = await recorded.waitFor((e) => e.length >= versions.length, 30_000, `${versions.length} profile versions`);
    expect(events).toHaveLength(versions.length);
    const times = events.map((e) => new Date(Number(e.message.eventTime!.seconds) * 1000).toISOString());
    expect(times).toEqual(versions.map((v) => new Date(v.knownAt).toISOString()));
  });

  it('values each day with the version usable that day: the new quarter only from the day after its source was published', async () => {
    const csv = [header, ...slice.map((r) => r.join(','))].join('\n');
    const response = await fetch(`${stack.service('ingest').url}/v1/backfill/daily-history?firstHeight=${firstHeight}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...TEST_ADMIN_HEADERS }, body: csv });
    expect(response.status).toBe(202);
    const lastDay = `${toDay}T23:59:59Z`;
    await eventually('the last day valued', () => get(`/v1/companies/RIOT/valuation?asOf=${lastDay}`), (r) => r.status === 200 && String(r.body.asOf).startsWith(toDay), 90_000);
    const usable = Date.parse(next.knownAt);
    const dayBefore = new Date(usable - 1000).toISOString();
    const before = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(dayBefore)}`);
    const after = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(new Date(usable + 86_399_000).toISOString())}`);
    expect(before.status).toBe(200);
    expect(after.status).toBe(200);
    expect(parseCompanyProfile(JSON.parse((await stack.database.query<{ profile_json: string }>(
      'SELECT profile_json FROM valuation.company_profile WHERE ticker = $1 AND version = $2', ['RIOT', before.body.profileVersion]))[0].profile_json)).asOf).toBe(previousPeriodEnd);
    expect(parseCompanyProfile(JSON.parse((await stack.database.query<{ profile_json: string }>(
      'SELECT profile_json FROM valuation.company_profile WHERE ticker = $1 AND version = $2', ['RIOT', after.body.profileVersion]))[0].profile_json)).asOf).toBe(next.periodEnd);
    // Every valuation's profile version was usable by its as-of time.
    const late: Array<{ n: string }> = await stack.database.query(
      `SELECT count(*) AS n FROM valuation.company_valuation v JOIN valuation.company_profile p ON p.ticker = v.ticker AND p.version = v.profile_version
        WHERE p.event_time > v.as_of`);
    expect(Number(late[0].n)).toBe(0);
  });

  it('takes a correction of an old period recorded later: it revalues its own stretch only, never the newer quarter', async () => {
    const previous = versions[switchIndex - 1];
    const corrected = structuredClone(previous.profile) as Json;
    corrected.notes = 'corrected: a restated release of the same period';
    const posted = await stack.post('/v1/companies/profiles', corrected);
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ published: true, eventTime: new Date(previous.knownAt).toISOString() });
    const usable = Date.parse(next.knownAt);
    const before = `/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(new Date(usable - 1000).toISOString())}`;
    await eventually('the stretch before the new quarter revalued with the correction', () => get(before), (r) => r.body.profileVersion === posted.body.version, 60_000);
    const after = await get(`/v1/companies/RIOT/valuation?asOf=${encodeURIComponent(new Date(usable + 86_399_000).toISOString())}`);
    const afterProfile = (await stack.database.query<{ profile_json: string }>(
      'SELECT profile_json FROM valuation.company_profile WHERE ticker = $1 AND version = $2', ['RIOT', after.body.profileVersion]))[0].profile_json;
    expect(parseCompanyProfile(JSON.parse(afterProfile)).asOf).toBe(next.periodEnd);
  });

  it('serves the backtest, equal to the pure backtest on the bundled files for the quarter it has every day of', async () => {
    const served = await get('/v1/companies/RIOT/backtest');
    expect(served.status).toBe(200);
    const row = (served.body.quarters as Json[]).find((q) => q.periodEnd === next.periodEnd);
    expect(row?.networkDays).toBe(row?.quarterDays);
    const days = networkDaysFromDailyCsv([header, ...slice.map((r) => r.join(','))].join('\n'));
    const expected = summarizeBacktest('RIOT', [parseCompanyProfile(buildPeriodProfile(riot, next.periodEnd))], days).quarters[0];
    expect(row?.reportedBtcProduced).toBe(expected.reportedBtcProduced);
    if (expected.modelledBtcProduced === null) expect(row?.modelledBtcProduced).toBeNull();
    // The service derives each day's BTC per PH from its difficulty and the subsidy at its height; the file from issuance: within 0.5 %.
    else expect(Math.abs(row?.modelledBtcProduced / expected.modelledBtcProduced - 1)).toBeLessThan(0.005);
    expect((await get('/v1/companies/ZZZZ/backtest')).status).toBe(404);
    expect((await get('/v1/companies/riot!/backtest')).status).toBe(400);
  });

  it('serves every figure with its lineage, point in time: a version appears only once its sources were published', async () => {
    const newest = versions.at(-1)!;
    const all = await get('/v1/companies/RIOT/figures?field=balanceSheet.cashUsd&limit=5000');
    expect(all.status).toBe(200);
    // One cash row per recorded version (the correction above included), each tracing to a source with a quoted excerpt when known.
    const company = ((await get('/v1/companies')).body.items as Json[]).find((c) => c.ticker === 'RIOT');
    expect(all.body.page.total).toBe(company?.profileVersions);
    expect(all.body.page.total).toBeGreaterThanOrEqual(versions.length);
    for (const r of all.body.items as Json[]) {
      expect(r.field).toBe('balanceSheet.cashUsd');
      if (r.value !== null) expect(r).toEqual(expect.objectContaining({ source: expect.stringMatching(/^https?:\/\//), knownAt: expect.any(String), excerpt: expect.any(String) }));
      else expect(typeof r.note).toBe('string');
    }
    const newestCash = (newest.profile as Json).balanceSheet.cashUsd;
    expect((all.body.items as Json[]).filter((r) => r.periodEnd === newest.periodEnd).at(-1)).toMatchObject({ value: newestCash.value, source: newestCash.source });

    // Known at the day before the switch version became usable: none of its rows yet.
    const before = await get(`/v1/companies/RIOT/figures?versions=latest&knownAt=${encodeURIComponent(new Date(Date.parse(next.knownAt) - 1000).toISOString())}`);
    expect(before.status).toBe(200);
    expect((before.body.items as Json[]).some((r) => r.periodEnd === next.periodEnd)).toBe(false);
    expect((before.body.items as Json[]).some((r) => r.periodEnd === previousPeriodEnd)).toBe(true);
    // versions=latest keeps one version per period.
    const latest = await get('/v1/companies/RIOT/figures?versions=latest&field=balanceSheet.cashUsd');
    expect(latest.body.page.total).toBe(new Set(versions.map((v) => v.periodEnd)).size);

    const csv = await fetch(`${stack.service('valuation').url}/v1/companies/RIOT/figures?format=csv&field=fleet.`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split(/\r?\n/)[0]).toBe('ticker,version,periodEnd,usableFrom,field,value,asOf,knownAt,source,sourceQuality,excerpt,note');
    expect((await get('/v1/companies/ZZZZ/figures')).status).toBe(404);
    const bad = await get('/v1/companies/RIOT/figures?versions=some');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('versions');
  });
});
