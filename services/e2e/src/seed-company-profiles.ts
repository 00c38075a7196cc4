import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyProfileRecordedSchema, Topics } from '@hashdesk/contracts';
import { encodeMessage, metaToHeaders } from '@hashdesk/messaging';
import { SHIPPED_COMPANIES_DIR } from '@hashdesk/reference-data';
import { eventually, TEST_ADMIN_HEADERS } from '@hashdesk/testing';
import type { Stack } from './stack';

const MARKET = new URLSearchParams({ btcPriceUsd: '87133.51', difficulty: '148.26e12', height: '930000', feesBtcPerBlock: '0.0182', sharePriceUsd: '10' });

/**
 * Puts version 1 of data/companies profiles on the stack's ingest.company-profile.recorded.v1, as
 * ingest's relay would after `load-profiles`, and waits until risk serves every one of them. Risk
 * has no other source of profiles: this is the seed a risk-only stack needs.
 */
export async function seedCompanyProfiles(stack: Stack, tickers?: string[]): Promise<void> {
  const wanted = tickers?.map((t) => t.toUpperCase());
  const files = readdirSync(SHIPPED_COMPANIES_DIR).filter((f) => f.endsWith('.json')).sort();
  const profiles = files
    .map((f) => JSON.parse(readFileSync(join(SHIPPED_COMPANIES_DIR, f), 'utf8')) as { ticker: string })
    .filter((p) => !wanted || wanted.includes(p.ticker));
  const time = new Date();
  const records = profiles.map((profile) => {
    const message = create(CompanyProfileRecordedSchema, {
      versionId: randomUUID(), ticker: profile.ticker, version: 1, eventTime: timestampFromDate(time), learnedTime: timestampFromDate(time),
      profileJson: JSON.stringify(profile), origin: 'e2e seed',
    });
    const headers = metaToHeaders({ id: message.versionId, type: CompanyProfileRecordedSchema.typeName, source: 'e2e', time, subject: profile.ticker });
    return { key: profile.ticker, value: encodeMessage(Topics.companyProfileRecorded, message), headers };
  });
  await stack.send(Topics.companyProfileRecorded, records);
  const risk = stack.service('risk').url;
  for (const { ticker } of profiles) {
    await eventually(`risk serving ${ticker}'s profile`, async () => (await fetch(`${risk}/v1/risk/companies/${ticker}?${MARKET}`, { headers: TEST_ADMIN_HEADERS })).status, (s) => s !== 404, 60_000); // 404 = unknown company; any other answer means risk holds the profile
  }
}
