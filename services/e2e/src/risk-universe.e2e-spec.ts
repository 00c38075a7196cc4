import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyValuedSchema, Topics } from '@hashdesk/contracts';
import { encodeMessage, metaToHeaders, newEventId } from '@hashdesk/messaging';
import { eventually, TEST_ADMIN_HEADERS } from '@hashdesk/testing';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';

/**
 * The universe table and the tabular exports of risk's read endpoints, as a process against the real
 * broker and PostgreSQL: company valuations published on valuation.company.valued.v1 are evaluated
 * and stored; the table comes back as JSON, CSV and NDJSON with the same rows and values.
 */
const TICKERS = ['RIOT', 'MARA', 'CLSK'];
const FIRST = Date.parse('2025-10-01T12:00:00Z');
const SECOND = Date.parse('2025-10-03T12:00:00Z');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end in CRLF');
  return records;
}

/** A JSON cell as the CSV writes it: null empty, lists joined with " | ". */
const asCsvCell = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' | ') : String(v));

describe('risk universe table and exports', () => {
  const stack = new Stack('risk-universe');
  const fetchRisk = (path: string, init: RequestInit = {}) => fetch(`${stack.service('risk').url}${path}`, init);
  const getJson = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetchRisk(path);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const getText = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> => {
    const response = await fetchRisk(path, { headers });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
  };
  const post = async (path: string, body: unknown): Promise<Json> => {
    const response = await fetchRisk(path, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS }, body: JSON.stringify(body) });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Json;
  };

  /** A valuation as valuation would publish it; the event time is a second after the as-of. */
  const valuation = (ticker: string, at: number, btcPriceUsd: number, sharePriceUsd: number) => {
    const message = create(CompanyValuedSchema, {
      valuationId: newEventId(), ticker, asOf: timestampFromDate(new Date(at)), knownAt: timestampFromDate(new Date(at)), profileVersion: 1,
      btcPriceUsd, difficulty: 150.1e12, height: 918_144, sharePriceUsd, resultJson: '{"metrics":{"market":{"feesBtcPerBlock":0.02}}}',
    });
    const headers = metaToHeaders({ id: newEventId(), type: Topics.companyValued.schema.typeName, source: 'hashdesk/e2e', time: new Date(at + 1_000), subject: ticker });
    return { key: ticker, value: encodeMessage(Topics.companyValued, message), headers };
  };

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('risk');
    await seedCompanyProfiles(stack, TICKERS);
    // Two valuations per company; the newer one at a higher price, share prices distinct by company.
    await stack.send(Topics.companyValued, TICKERS.flatMap((t, i) => [valuation(t, FIRST, 100_000, 10 + i), valuation(t, SECOND, 110_000 + i * 1_000, 20 + i)]));
    await eventually('six evaluations stored', async () => Number((await stack.database.query<{ n: string }>('SELECT count(*) AS n FROM risk.scenario_evaluation'))[0].n), (n) => n === 6, 60_000);
  }, 180_000);
  afterAll(() => stack.stopAll());

  it('given two valuations per company, when the universe is read as JSON, CSV and NDJSON, then each has one row per company, the newest, with the same values', async () => {
    const json = await getJson('/v1/risk/universe?sort=sharePriceUsd&order=asc');
    expect(json.status).toBe(200);
    const { columns, items } = json.body as { columns: string[]; items: Json[] };
    expect(json.body.page).toEqual({ limit: 500, total: 3 });
    expect(items.map((r) => [r.ticker, r.asOf, r.btcPriceUsd, r.sharePriceUsd])).toEqual([
      ['RIOT', '2025-10-03T12:00:00.000Z', 110_000, 20],
      ['MARA', '2025-10-03T12:00:00.000Z', 111_000, 21],
      ['CLSK', '2025-10-03T12:00:00.000Z', 112_000, 22],
    ]);
    // The valuation event's time (a second after its as-of), from the evaluation's lineage.
    expect(items.map((r) => Date.parse(r.valuationEventTime))).toEqual([SECOND + 1_000, SECOND + 1_000, SECOND + 1_000]);
    expect(columns).toEqual(expect.arrayContaining(['riskScore0To100', 'base.allInMarginRatio', 'btc-minus-40-pct.liquidityRunwayMonths', 'next-halving.breakEvenBtcPriceUsd']));
    expect(items[0].hashpriceUsdPerPhDay).toBeGreaterThan(0);
    expect(items.some((r) => typeof r.riskScore0To100 === 'number')).toBe(true);

    const csv = await getText('/v1/risk/universe?sort=sharePriceUsd&order=asc&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename="risk-universe.csv"');
    const [header, ...records] = parseCsv(csv.text);
    expect(header).toEqual(columns);
    expect(records).toEqual(items.map((row) => columns.map((c) => asCsvCell(row[c]))));
    // Numbers survive the round trip exactly.
    const price = header.indexOf('hashpriceUsdPerPhDay');
    expect(records.map((r) => Number(r[price]))).toEqual(items.map((r) => r.hashpriceUsdPerPhDay));

    const ndjson = await getText('/v1/risk/universe?sort=sharePriceUsd&order=asc&format=ndjson');
    expect(ndjson.type).toBe('application/x-ndjson; charset=utf-8');
    expect(ndjson.text.endsWith('\n')).toBe(true);
    expect(ndjson.text.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(items);
  }, 60_000);

  it('given an as-of between the valuations, a sort and a limit, when the universe is read, then it shows the older evaluations only, sorted and bounded', async () => {
    const asOf = await getJson('/v1/risk/universe?asOf=2025-10-02T00:00:00Z&sort=ticker&order=asc');
    expect(asOf.body.items.map((r: Json) => [r.ticker, r.asOf, r.btcPriceUsd])).toEqual([
      ['CLSK', '2025-10-01T12:00:00.000Z', 100_000], ['MARA', '2025-10-01T12:00:00.000Z', 100_000], ['RIOT', '2025-10-01T12:00:00.000Z', 100_000],
    ]);
    expect((await getJson('/v1/risk/universe?asOf=2025-09-30T00:00:00Z')).body.items).toEqual([]);
    expect((await getText('/v1/risk/universe?asOf=2025-09-30T00:00:00Z&format=ndjson')).text).toBe('');
    const top = await getJson('/v1/risk/universe?sort=btcPriceUsd&order=desc&limit=2');
    expect(top.body.items.map((r: Json) => r.ticker)).toEqual(['CLSK', 'MARA']);
    expect(top.body.page).toEqual({ limit: 2, total: 3 });
    for (const [query, field] of [['sort=bogus', 'sort'], ['order=up', 'order'], ['limit=0', 'limit'], ['limit=5001', 'limit'], ['format=xml', 'format'], ['asOf=yesterday', 'asOf']]) {
      const bad = await getJson(`/v1/risk/universe?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.violations[0].field).toBe(field);
    }
  }, 60_000);

  it("given RIOT's evaluations, when its scenarios and evaluation history are read as CSV and NDJSON, then they hold the stored tables", async () => {
    const stored = await getJson('/v1/risk/companies/RIOT/scenarios');
    const scenarios = await getText('/v1/risk/companies/RIOT/scenarios?format=csv');
    expect(scenarios.disposition).toBe('attachment; filename="RIOT-scenarios.csv"');
    const [header, ...rows] = parseCsv(scenarios.text);
    expect(header.slice(0, 4)).toEqual(['ticker', 'asOf', 'scenario', 'btcPriceUsd']);
    expect(rows.map((r) => r[2])).toEqual(['base', ...stored.body.evaluation.standingScenarios.scenarios.map((s: Json) => s.name)]);
    expect(rows.map((r) => Number(r[3]))).toEqual([110_000, ...stored.body.evaluation.standingScenarios.scenarios.map((s: Json) => s.btcPriceUsd)]);
    const older = (await getText('/v1/risk/companies/RIOT/scenarios?format=ndjson&asOf=2025-10-02T00:00:00Z')).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(older[0]).toMatchObject({ ticker: 'RIOT', asOf: '2025-10-01T12:00:00.000Z', scenario: 'base', btcPriceUsd: 100_000 });

    const history = await getJson('/v1/risk/companies/riot/evaluations');
    expect(history.body.items.map((r: Json) => [r.asOf, r.btcPriceUsd])).toEqual([['2025-10-03T12:00:00.000Z', 110_000], ['2025-10-01T12:00:00.000Z', 100_000]]);
    const universeRiot = (await getJson('/v1/risk/universe')).body.items.find((r: Json) => r.ticker === 'RIOT');
    expect(history.body.items[0]).toEqual(universeRiot); // the same row shape as the universe
    const historyCsv = parseCsv((await getText('/v1/risk/companies/RIOT/evaluations?format=csv&limit=1')).text);
    expect(historyCsv).toHaveLength(2);
    expect(historyCsv[1][historyCsv[0].indexOf('evaluationId')]).toBe(universeRiot.evaluationId);
    expect((await getJson('/v1/risk/companies/XYZ/evaluations')).status).toBe(404);
  }, 60_000);

  it('given a breached stop line, when alerts, rules and the watchlist are read as CSV and NDJSON, then the rows match the JSON', async () => {
    const entry = await post('/v1/risk/watchlist', { ticker: 'RIOT', note: 'e2e, "quoted"' });
    const line = await post(`/v1/risk/watchlist/${entry.entryId}/lines`, { kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.1 });
    expect(await post('/v1/risk/equity-quotes', { ticker: 'RIOT', priceUsd: 8.5, observedAt: '2025-10-04T21:00:00Z' })).toEqual({ duplicate: false, alerts: 1 });

    const alerts = (await getJson('/v1/alerts')).body as Json[];
    expect(alerts).toHaveLength(1);
    const alertsCsv = await getText('/v1/alerts?format=csv');
    expect(alertsCsv.disposition).toBe('attachment; filename="alerts.csv"');
    const [alertHeader, alertRow] = parseCsv(alertsCsv.text);
    const cell = (name: string) => alertRow[alertHeader.indexOf(name)];
    expect([cell('alertId'), cell('ruleId'), cell('subject'), Number(cell('valueInMetricUnit')), Number(cell('thresholdInMetricUnit'))])
      .toEqual([alerts[0].alertId, `stop-line.fixed.${line.lineId}`, 'RIOT', 8.5, alerts[0].threshold]);
    const alertsNdjson = JSON.parse((await getText('/v1/alerts?format=ndjson')).text);
    expect(alertsNdjson).toMatchObject({ alertId: alerts[0].alertId, severity: alerts[0].severity, metric: alerts[0].metric, valueInMetricUnit: 8.5 });

    const watchlist = await getText('/v1/risk/watchlist?format=csv', TEST_ADMIN_HEADERS); // watchlist reads need a key: entries belong to their owner
    expect([watchlist.status, watchlist.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const [watchHeader, ...watchRows] = parseCsv(watchlist.text);
    expect(watchRows).toHaveLength(1);
    expect(watchRows[0][watchHeader.indexOf('note')]).toBe('e2e, "quoted"');
    expect(watchRows[0][watchHeader.indexOf('breached')]).toBe('true');
    expect(JSON.parse(watchRows[0][watchHeader.indexOf('definitionJson')])).toMatchObject({ kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.1 });

    const rules = (await getJson('/v1/rules')).body as Json[];
    const rulesNdjson = (await getText('/v1/rules?format=ndjson')).text;
    expect(rulesNdjson.split('\n').filter(Boolean)).toHaveLength(rules.length);
    expect((await getText('/v1/risk/policy-events?format=csv')).text).toBe('eventId,jurisdiction,tickers,kind,impact,effectiveAt,learnedAt,title,sourceUrl,authority\r\n');
  }, 60_000);
});
