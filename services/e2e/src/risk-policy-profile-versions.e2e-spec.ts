import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyProfileRecordedSchema, Topics } from '@hashdesk/contracts';
import { encodeMessage, metaToHeaders } from '@hashdesk/messaging';
import { eventually } from '@hashdesk/testing';
import { Stack } from './stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const gree = JSON.parse(readFileSync(resolve(__dirname, '../../../data/companies/gree.json'), 'utf8')) as Json;

/**
 * Risk reads the company profile versions published on ingest.company-profile.recorded.v1 (here put on
 * the topic directly, as ingest's relay would), against the real broker and PostgreSQL: a company is
 * unknown until its first version arrives, the newest version is what the company risk API serves, a redelivery keeps one row, and a version
 * that names another company is set aside without stopping the next one.
 */
describe('risk on published company profile versions', () => {
  const stack = new Stack('risk-policy-profile-versions');
  const market = new URLSearchParams({ btcPriceUsd: '87133.51', difficulty: '148.26e12', height: '930000', feesBtcPerBlock: '0.0182', sharePriceUsd: '3' });
  const companyRisk = async (): Promise<Json> => (await (await fetch(`${stack.service('risk').url}/v1/risk/companies/GREE?${market}`)).json()) as Json;
  const count = async (sql: string) => Number((await stack.database.query<{ n: string }>(sql))[0].n);
  const learnedTime = new Date('2025-11-20T09:30:00Z');
  const version = (n: number, totalDebtUsd: number, ticker = 'GREE') => {
    const profile = { ...gree, ticker, balanceSheet: { ...gree.balanceSheet, totalDebtUsd: { value: totalDebtUsd, asOf: '2025-10-15', source: 'e2e restatement' } } };
    const message = create(CompanyProfileRecordedSchema, {
      versionId: randomUUID(), ticker: 'GREE', version: n, eventTime: timestampFromDate(new Date('2025-10-15T23:59:59Z')),
      learnedTime: timestampFromDate(learnedTime), profileJson: JSON.stringify(profile), origin: 'e2e',
    });
    const headers = metaToHeaders({ id: message.versionId, type: CompanyProfileRecordedSchema.typeName, source: 'e2e', time: new Date('2025-10-15T23:59:59Z'), subject: 'GREE' });
    return { message, record: { key: 'GREE', value: encodeMessage(Topics.companyProfileRecorded, message), headers } };
  };
  const publish = (...records: Array<ReturnType<typeof version>['record']>) => stack.send(Topics.companyProfileRecorded, records);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('risk');
  }, 120_000);
  afterAll(() => stack.stopAll());

  it('given GREE not yet published, when version 1 is published twice, then risk reads its debt once; a version naming another company is set aside and version 2 still replaces 1', async () => {
    const cash = gree.balanceSheet.cashUsd.value as number;
    const before = await companyRisk();
    expect(before).toMatchObject({ statusCode: 404, code: 'UNKNOWN_COMPANY' }); // no profile until ingest publishes one

    const v1 = version(1, 140_600_000);
    await publish(v1.record, v1.record); // the second is a redelivery: same event id
    const after = await eventually('version 1 in the company risk API', companyRisk, (r) => r.profile?.source === 'recorded');
    expect(after.profile).toEqual({ source: 'recorded', version: 1, eventId: v1.message.versionId, eventTime: '2025-10-15T23:59:59.000Z', learnedTime: learnedTime.toISOString() });
    expect(after.balanceSheetRisk.netDebtUsd).toBeCloseTo(140_600_000 - cash, 0);
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(await count("SELECT count(*) AS n FROM risk.company_profile_version WHERE ticker = 'GREE'")).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM risk.processed_message WHERE message_id = '${v1.message.versionId}'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM risk.company_profile_version WHERE learned_time = '${learnedTime.toISOString()}'`)).toBe(1);

    // A version whose profile is RIOT's under GREE's key can never be used: it is not kept, and the next one is.
    const mismatched = version(2, 1, 'RIOT');
    const v2 = version(2, 60_600_000);
    await publish(mismatched.record, v2.record);
    const latest = await eventually('version 2 in the company risk API', companyRisk, (r) => r.profile.version === 2);
    expect(latest.profile.eventId).toBe(v2.message.versionId);
    expect(latest.balanceSheetRisk.netDebtUsd).toBeCloseTo(60_600_000 - cash, 0);
    expect(await count(`SELECT count(*) AS n FROM risk.company_profile_version WHERE event_id = '${mismatched.message.versionId}'`)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM risk.company_profile_version WHERE ticker = 'GREE'")).toBe(2);
  }, 90_000);
});
