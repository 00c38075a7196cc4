import { Topics } from '@hashdesk/contracts';
import { eventually } from '@hashdesk/testing';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';

/**
 * The policy and permit register through the real broker and PostgreSQL: ingest POST /v1/policy-events
 * → ingest.policy-event.recorded.v1 → risk's register → the policy component of the company's risk
 * score. The example is real: NY DEC denied the Title V air permit renewal of Greenidge's Dresden
 * plant on 2022-06-30.
 */
describe('policy and permit register', () => {
  const stack = new Stack('risk-policy');
  const market = { btcPriceUsd: 87_133.51, difficulty: 148.26e12, height: 930_000, feesBtcPerBlock: 0.0182, sharePriceUsd: 3 };
  const denial = {
    jurisdiction: 'US-NY', tickers: ['GREE'], kind: 'permit-denied', impact: -3, effectiveAt: '2022-06-30T00:00:00Z',
    title: 'NY DEC denies the Title V air permit renewal of the Greenidge power plant in Dresden', sourceUrl: 'https://dec.ny.gov', authority: 'NY DEC',
  };
  const risk = async (path: string) => {
    const response = await fetch(`${stack.service('risk').url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const companyRisk = () => risk(`/v1/risk/companies/GREE?${new URLSearchParams(Object.entries(market).map(([k, v]): [string, string] => [k, String(v)]))}`);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('ingest', 'risk');
    await seedCompanyProfiles(stack);
  }, 120_000);
  afterAll(() => stack.stopAll());

  it('given bad entries, when posted, then the 400 names each field and nothing is published', async () => {
    const events = await stack.probe(Topics.policyEventRecorded);
    const bad = await stack.post('/v1/policy-events', { ...denial, jurisdiction: 'New York', impact: 0, kind: 'rumour', tickers: ['gree'], sourceUrl: 'dec.ny.gov' });
    expect(bad.status).toBe(400);
    const fields = (bad.body.violations as Array<{ field: string }>).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['jurisdiction', 'impact', 'kind', 'tickers', 'sourceUrl']));
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(events.events).toHaveLength(0);
  });

  it('given the Greenidge permit denial, when entered twice, then it is published once, reaches risk once and raises GREE\'s policy component by the documented decay', async () => {
    const events = await stack.probe(Topics.policyEventRecorded);
    const before = await companyRisk();
    expect(before.status).toBe(200);
    expect(before.body.balanceSheetRisk.riskScore.components.policy).toBe(0);

    const first = await stack.post('/v1/policy-events', denial);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ jurisdiction: 'US-NY', published: true });
    const again = await stack.post('/v1/policy-events', denial);
    expect(again.body).toEqual({ ...first.body, published: false });

    const [event] = await events.waitFor((e) => e.length >= 1, 30_000, 'the register entry');
    expect(event.key).toBe('US-NY');
    expect(event.meta.id).toBe(first.body.eventId);
    expect(event.message).toMatchObject({ tickers: ['GREE'], kind: 'permit-denied', impact: -3, authority: 'NY DEC' });

    const listed = await eventually('the entry in risk\'s register', () => risk('/v1/risk/policy-events?ticker=gree'), (r) => r.body.items.length > 0);
    expect(listed.body.items).toEqual([expect.objectContaining({ eventId: first.body.eventId, jurisdiction: 'US-NY', impact: -3 })]);
    expect((await risk('/v1/risk/policy-events?jurisdiction=US-TX')).body.items).toEqual([]);
    expect((await risk('/v1/risk/policy-events?jurisdiction=us-ny')).status).toBe(400);

    const after = await companyRisk();
    const ageDays = (Date.now() - Date.parse(denial.effectiveAt)) / 86_400_000;
    expect(after.body.balanceSheetRisk.riskScore.components.policy).toBeCloseTo(0.5 ** (ageDays / 365), 3);
    expect(after.body.policyEvents.map((e: { eventId: string }) => e.eventId)).toEqual([first.body.eventId]);
    expect(after.body.balanceSheetRisk.riskScore.unknownComponents).not.toContain('policy');
    // Only GREE is named: another company's component stays 0.
    const riot = await risk(`/v1/risk/companies/RIOT?${new URLSearchParams(Object.entries(market).map(([k, v]): [string, string] => [k, String(v)]))}`);
    expect(riot.body.balanceSheetRisk.riskScore.components.policy).toBe(0);
    // The same record delivered to risk again changes nothing: one row, one inbox entry.
    await stack.send(Topics.policyEventRecorded, [events.raw[0]]);
    await events.waitForRaw(2);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    const count = async (sql: string) => Number((await stack.database.query<{ n: string }>(sql))[0].n);
    expect(await count('SELECT count(*) AS n FROM risk.policy_event')).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM risk.processed_message WHERE message_id = '${first.body.eventId}'`)).toBe(1);
    expect((await companyRisk()).body.balanceSheetRisk.riskScore.components.policy).toBeCloseTo(0.5 ** (ageDays / 365), 3);
  }, 60_000);
});
