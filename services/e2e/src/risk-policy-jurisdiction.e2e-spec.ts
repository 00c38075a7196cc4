import { Topics } from '@hashdesk/contracts';
import { riskScore, RISK_SCORE_WEIGHTS } from '@hashdesk/economics';
import { eventually } from '@hashdesk/testing';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';

/**
 * Jurisdiction-wide entries of the policy and permit register, through the real broker and PostgreSQL:
 * an entry that names no company bears on the companies the register places in its jurisdiction. Both
 * examples are real: New York's two-year moratorium on new and renewed air permits for fossil-fuel plants
 * that power proof-of-work mining (A7389C/S6486D, signed 2022-11-22), and NY DEC's denial of the Title V
 * air permit renewal of Greenidge's Dresden plant (2022-06-30), which places GREE in US-NY.
 */
describe('policy and permit register: jurisdiction-wide entries', () => {
  const stack = new Stack('risk-policy-jurisdiction');
  const market = { btcPriceUsd: 87_133.51, difficulty: 148.26e12, height: 930_000, feesBtcPerBlock: 0.0182, sharePriceUsd: 3 };
  const moratorium = {
    jurisdiction: 'US-NY', kind: 'moratorium', impact: -2, effectiveAt: '2022-11-22T00:00:00Z', authority: 'New York State',
    title: 'Two-year moratorium on new and renewed air permits for fossil-fuel power plants supplying proof-of-work mining (A7389C/S6486D)',
    sourceUrl: 'https://www.nysenate.gov/legislation/bills/2021/S6486',
  };
  const denial = {
    jurisdiction: 'US-NY', tickers: ['GREE'], kind: 'permit-denied', impact: -3, effectiveAt: '2022-06-30T00:00:00Z', authority: 'NY DEC',
    title: 'NY DEC denies the Title V air permit renewal of the Greenidge power plant in Dresden', sourceUrl: 'https://dec.ny.gov',
  };
  // The documented policy component: Σ −impact/3 · ½^(age/365 d), clamped to [0, 1].
  const decayed = (e: { impact: number; effectiveAt: string }) => (-e.impact / 3) * 0.5 ** ((Date.now() - Date.parse(e.effectiveAt)) / 86_400_000 / 365);
  const query = new URLSearchParams(Object.entries(market).map(([k, v]): [string, string] => [k, String(v)]));
  const risk = async (path: string) => {
    const response = await fetch(`${stack.service('risk').url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const companyRisk = (ticker: string) => risk(`/v1/risk/companies/${ticker}?${query}`);
  const count = async (sql: string) => Number((await stack.database.query<{ n: string }>(sql))[0].n);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'risk');
    await seedCompanyProfiles(stack);
  }, 120_000);
  afterAll(() => stack.stopAll());

  it('given an entry without a date and a title, when posted, then the 400 names both fields and nothing is recorded or published', async () => {
    const events = await stack.probe(Topics.policyEventRecorded);
    const { effectiveAt: _date, title: _title, ...rest } = moratorium; // eslint-disable-line @typescript-eslint/no-unused-vars
    const bad = await stack.post('/v1/policy-events', { ...rest, effectiveAt: '22 Nov 2022' });
    expect(bad.status).toBe(400);
    expect((bad.body.violations as Array<{ field: string }>).map((v) => v.field).sort()).toEqual(expect.arrayContaining(['effectiveAt', 'title']));
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(events.events).toHaveLength(0);
    expect(await count('SELECT count(*) AS n FROM ingest.policy_event')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM ingest.outbox_event')).toBe(0);
  });

  it('given the NY moratorium naming no company, when GREE is later named in US-NY, then the moratorium enters GREE\'s score once (a redelivery changes nothing) and RIOT\'s not at all', async () => {
    const events = await stack.probe(Topics.policyEventRecorded);
    const before = await companyRisk('GREE');
    expect(before.status).toBe(200);
    expect(before.body.balanceSheetRisk.riskScore.components.policy).toBe(0);
    expect(before.body.jurisdictions).toEqual([]);

    // The moratorium alone: in the register, keyed by its jurisdiction, but no company is placed in US-NY yet.
    const posted = await stack.post('/v1/policy-events', moratorium);
    expect(posted.status).toBe(202);
    const [published] = await events.waitFor((e) => e.length >= 1, 30_000, 'the moratorium');
    expect(published.key).toBe('US-NY');
    expect(published.message.tickers).toEqual([]);
    await eventually('the moratorium in risk', () => risk('/v1/risk/policy-events?jurisdiction=US-NY'), (r) => r.body.items.length === 1);
    expect((await companyRisk('GREE')).body.balanceSheetRisk.riskScore.components.policy).toBe(0);

    // The denial names GREE in US-NY: from then on the moratorium bears on GREE too.
    const named = await stack.post('/v1/policy-events', denial);
    expect(named.status).toBe(202);
    await eventually('the denial in risk', () => risk('/v1/risk/policy-events?ticker=GREE'), (r) => r.body.items.length === 2);
    const after = await companyRisk('GREE');
    expect(after.body.jurisdictions).toEqual(['US-NY']);
    expect(after.body.policyEvents.map((e: { eventId: string }) => e.eventId)).toEqual([named.body.eventId, posted.body.eventId]); // oldest first
    const policy = after.body.balanceSheetRisk.riskScore.components.policy as number;
    expect(policy).toBeCloseTo(decayed(denial) + decayed(moratorium), 4);
    expect(policy).toBeGreaterThan(decayed(denial) + 0.01); // the moratorium's share is there

    // The score moved by the policy component alone, as the documented weighted mean says.
    const components = before.body.balanceSheetRisk.riskScore.components as Record<keyof typeof RISK_SCORE_WEIGHTS, number | null>;
    expect({ ...after.body.balanceSheetRisk.riskScore.components, policy: 0 }).toEqual({ ...components, policy: 0 });
    expect(after.body.balanceSheetRisk.riskScore.score).toBeCloseTo(riskScore({ ...components, policy }).score as number, 9);
    expect(after.body.balanceSheetRisk.riskScore.score).toBeGreaterThan(before.body.balanceSheetRisk.riskScore.score);

    // RIOT is named nowhere: no jurisdiction, no entry, component 0.
    const riot = await companyRisk('RIOT');
    expect(riot.body.jurisdictions).toEqual([]);
    expect(riot.body.policyEvents).toEqual([]);
    expect(riot.body.balanceSheetRisk.riskScore.components.policy).toBe(0);

    // The moratorium's record delivered to risk again: one row, one inbox entry, the same score.
    const raw = events.raw.find((r) => r.headers.ce_id === posted.body.eventId);
    if (!raw) throw new Error('the raw moratorium record');
    const rawBefore = events.raw.length;
    await stack.send(Topics.policyEventRecorded, [raw]);
    await events.waitForRaw(rawBefore + 1);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(await count('SELECT count(*) AS n FROM risk.policy_event')).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM risk.processed_message WHERE message_id = '${posted.body.eventId}'`)).toBe(1);
    const again = await companyRisk('GREE');
    expect(again.body.balanceSheetRisk.riskScore.components.policy).toBeCloseTo(policy, 6);
    expect(again.body.policyEvents).toHaveLength(2);
  }, 90_000);
});
