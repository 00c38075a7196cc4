import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@hashdesk/testing';
import type { OperationContext } from './fuzz-requests';
import type { Operation } from './openapi-operations';

/**
 * What the documents cannot tell the fuzzer: real resources for path parameters (so bodies reach the
 * handlers, where issue #13's PATCH-with-null 500s were), bodies a service accepts where the schema
 * admits many, and the uploads documented by media type only.
 */
export interface SeededResources {
  /** The company whose profile was published (RIOT unless its file does not parse). */
  ticker: string;
  entryId: string;
  lineId: string;
  subscriptionId: string;
}

const RULE = { kind: 'threshold', metric: 'hashprice_usd_per_ph_day', threshold: 45, direction: 'below' };

/** Bodies the services accept, by "service METHOD path". Subscriptions use SSE: no outbound URL is ever checked or called. */
const BASE_BODIES: Record<string, Record<string, unknown>> = {
  'ingest POST /v1/observations/btc-price': { priceUsd: 87133.51, observedAt: '2025-12-29T00:00:00Z', source: 'fuzz' },
  'ingest POST /v1/observations/network-snapshot': { height: 930086, difficulty: 148258433855481.3, feesBtcPerBlock: 0.0182, feeWindowBlocks: 144, observedAt: '2025-12-29T23:59:59Z', source: 'fuzz' },
  'risk POST /v1/risk/watchlist/{entryId}/lines': { kind: 'fixed', entryPriceUsd: 12.5, dropRatio: 0.1 },
  'risk PATCH /v1/risk/watchlist/{entryId}/lines/{lineId}': { dropRatio: 0.2, enabled: true },
  'risk POST /v1/risk/monte-carlo': { seed: 1, paths: 200, horizonMonths: 3, model: 'gbm' },
  'notification POST /v1/subscriptions': { name: 'fuzz', channel: 'sse', rule: RULE },
  'notification PATCH /v1/subscriptions/{id}': { name: 'fuzz renamed', rule: RULE },
};

const RAW_BODIES: Record<string, 'ndjson' | 'csv'> = {
  'ingest POST /v1/observations/batch': 'ndjson',
  'ingest POST /v1/backfill/daily-history': 'csv',
};

const key = (op: Operation) => `${op.service} ${op.method} ${op.path}`;

export function fuzzContext(seeded: SeededResources): OperationContext {
  return {
    pathValue(op, name) {
      if (name === 'ticker') return seeded.ticker;
      if (name === 'entryId') return seeded.entryId;
      if (name === 'lineId') return seeded.lineId;
      if (op.service === 'notification' && op.path.startsWith('/v1/subscriptions/')) return seeded.subscriptionId;
      return randomUUID();
    },
    baseBody: (op) => {
      const body = BASE_BODIES[key(op)];
      return body && op.path === '/v1/risk/monte-carlo' ? { ...body, ticker: seeded.ticker } : body;
    },
    rawBody: (op) => RAW_BODIES[key(op)],
    // Everything ingest accepts becomes an event; the other services' writes only change their own state.
    publishes: (op) => op.service === 'ingest',
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(url: string, headers: Record<string, string>, body: unknown): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const answer = { status: response.status, body: (await response.json()) as Record<string, unknown> };
  if (answer.status >= 300) throw new Error(`seeding ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

const COMPANIES = join(__dirname, '..', '..', '..', '..', 'data', 'companies');

/** A shipped company profile: RIOT's, or the first that parses (the files are edited by hand). */
function shippedProfile(): { ticker: string; profile: Record<string, unknown> } {
  const files = ['riot.json', ...readdirSync(COMPANIES).filter((f) => f.endsWith('.json') && f !== 'riot.json').sort()];
  for (const file of files) {
    try {
      const profile = JSON.parse(readFileSync(join(COMPANIES, file), 'utf8')) as Record<string, unknown>;
      return { ticker: String(profile.ticker), profile };
    } catch {
      // not parseable right now: try the next company
    }
  }
  throw new Error(`no company profile in ${COMPANIES} parses`);
}

/**
 * RIOT's profile through ingest (risk knows only the companies ingest published), a watchlist entry
 * with a stop line once risk has it, and a subscriber with one SSE subscription (notification).
 */
export async function seedResources(
  urls: { ingest: string; risk: string; notification: string },
  headers: { apiKey: string; adminToken: string },
): Promise<SeededResources & { subscriberKey: string }> {
  const auth = { 'x-api-key': headers.apiKey };
  const { ticker, profile } = shippedProfile();
  await call(`${urls.ingest}/v1/companies/profiles`, auth, profile);
  const riskUrl = urls.risk;
  const notificationUrl = urls.notification;
  const watchlist = () => fetch(`${riskUrl}/v1/risk/watchlist`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ ticker, note: 'fuzz' }) });
  const created = await eventually(`risk to know ${ticker} and create the watchlist entry`, async () => {
    const response = await watchlist();
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }, (answer) => answer.status !== 404, 60_000);
  if (created.status !== 201) throw new Error(`seeding the watchlist entry: ${created.status} ${JSON.stringify(created.body)}`);
  const entryId = String(created.body.entryId);
  const line = await call(`${riskUrl}/v1/risk/watchlist/${entryId}/lines`, auth, BASE_BODIES['risk POST /v1/risk/watchlist/{entryId}/lines']);
  const subscriber = await call(`${notificationUrl}/v1/subscribers`, { ...auth, 'x-admin-token': headers.adminToken }, { name: 'fuzz' });
  const subscriberKey = String(subscriber.body.apiKey);
  const subscription = await call(`${notificationUrl}/v1/subscriptions`, { authorization: `Bearer ${subscriberKey}` }, BASE_BODIES['notification POST /v1/subscriptions']);
  return { ticker, entryId, lineId: String(line.body.lineId), subscriptionId: String(subscription.body.id), subscriberKey };
}
