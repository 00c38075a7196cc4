// Replay: node -r ./scripts/register.js services/valuation/src/replay/replay.main.ts [--out FILE] [--schema valuation]
// Recomputes every stored company valuation from the inputs its lineage names (the profile version,
// BTC price, network snapshot, share quote and regional power prices valuation keeps as it consumes them) with the current
// methodology, compares each with the message that was published, and prints a JSON summary with a
// sha256 over all recomputed messages in (as_of, valuation_id) order: the same inputs give the same
// digest on every run. --out writes the recomputed messages as NDJSON ({valuationId, protobufBase64}).
// Only DATABASE_URL is read; nothing is published and the service may keep running.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { fromJson, toBinary } from '@bufbuild/protobuf';
import { Client } from 'pg';
import { CompanyValuedSchema } from '@hashdesk/contracts';
import { COMPANY_VALUATION_METHODOLOGY_VERSION, POWER_PRICE_EVENT_TYPE, valueCompany, type EquityQuote, type MarketInput, type ProfileVersion } from '../companies/company-valuation.calculator';

type Row = Record<string, unknown>;


async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, schema: { type: 'string', default: 'valuation' } } });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const schema = values.schema as string;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('--schema must be a plain identifier');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const rows = async (sql: string): Promise<Row[]> => (await db.query(sql)).rows as Row[];
    const profiles = new Map((await rows(`SELECT * FROM ${schema}.company_profile`)).map((r) => [r['event_id'] as string, r]));
    const markets = new Map((await rows(`SELECT * FROM ${schema}.market_input`)).map((r) => [r['event_id'] as string, r]));
    const quotes = new Map((await rows(`SELECT * FROM ${schema}.equity_quote`)).map((r) => [r['event_id'] as string, r]));
    const powerPrices = new Map((await rows(`SELECT * FROM ${schema}.power_price_observation`)).map((r) => [r['event_id'] as string, r]));
    const stored = await rows(`SELECT valuation_id, valued FROM ${schema}.company_valuation ORDER BY as_of, valuation_id`);
    const digest = createHash('sha256');
    const out = values.out ? createWriteStream(values.out) : undefined;
    let identical = 0;
    let differ = 0;
    let missingInputs = 0;
    for (const row of stored) {
      const published = fromJson(CompanyValuedSchema, row['valued'] as never);
      // Lineage order: profile, price, network[, equity quote], then the regional power prices the site mix used.
      const inputs = published.lineage?.inputs ?? [];
      const [profileId, priceId, networkId] = inputs.map((i) => i.eventId);
      const quoteId = inputs.slice(3).find((i) => i.eventType !== POWER_PRICE_EVENT_TYPE)?.eventId;
      const powerRows = inputs.filter((i) => i.eventType === POWER_PRICE_EVENT_TYPE).map((i) => powerPrices.get(i.eventId));
      const profile = profiles.get(profileId);
      const price = markets.get(priceId);
      const network = markets.get(networkId);
      const quote = quoteId === undefined ? undefined : quotes.get(quoteId);
      if (!profile || !price || !network || (quoteId !== undefined && !quote) || powerRows.some((r) => r === undefined)) {
        missingInputs += 1;
        continue;
      }
      const power = (powerRows as Row[]).map((r) => ({ region: r['region'] as string, eventId: r['event_id'] as string, powerUsdPerKwh: r['power_usd_per_kwh'] as number }));
      const replayed = valueCompany(toVersion(profile), toMarket(price), toMarket(network), quote && toQuote(quote), power);
      const bytes = toBinary(CompanyValuedSchema, replayed);
      digest.update(bytes);
      if (Buffer.from(bytes).equals(Buffer.from(toBinary(CompanyValuedSchema, published)))) identical += 1;
      else differ += 1;
      out?.write(`${JSON.stringify({ valuationId: replayed.valuationId, protobufBase64: Buffer.from(bytes).toString('base64') })}\n`);
    }
    await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
    process.stdout.write(`${JSON.stringify({
      methodologyVersion: COMPANY_VALUATION_METHODOLOGY_VERSION, valuations: stored.length, identical, differ, missingInputs, sha256: digest.digest('hex'),
    })}\n`);
    return differ === 0 && missingInputs === 0 ? 0 : 3;
  } finally {
    await db.end();
  }
}

const date = (value: unknown): Date => new Date(value as string);

function toVersion(r: Row): ProfileVersion {
  return {
    ticker: r['ticker'] as string, version: r['version'] as number, eventId: r['event_id'] as string, eventType: r['event_type'] as string,
    eventTime: date(r['event_time']), learnedTime: date(r['learned_time']), profileJson: r['profile_json'] as string,
    sharePrice: r['share_price'] as ProfileVersion['sharePrice'],
  };
}

function toMarket(r: Row): MarketInput {
  return {
    eventId: r['event_id'] as string, eventType: r['event_type'] as string, eventTime: date(r['event_time']), learnedTime: date(r['learned_time']),
    values: r['values'] as Record<string, number>,
  };
}

function toQuote(r: Row): EquityQuote {
  return {
    eventId: r['event_id'] as string, eventType: r['event_type'] as string, eventTime: date(r['event_time']), learnedTime: date(r['learned_time']),
    priceUsd: r['price_usd'] as number,
  };
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`replay: failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
