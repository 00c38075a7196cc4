import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { eventually, type ServiceName } from '@hashdesk/testing';
import { Stack } from '../stack';
import { fuzzContext, seedResources } from './fuzz-fixtures';
import { requestsFor, type FuzzRequest } from './fuzz-requests';
import { operationSeed, sampleRequests, sendAll, type FuzzResult } from './fuzz-runner';
import { operationLabel, operationsOf, type Operation } from './openapi-operations';
import { checkOpenApi } from './openapi-security';
import { addedRecords, endOffsets, Outboxes } from './published-events';
import { knownGapOf } from './known-gaps';
import { describeOffence, namesAField, offences } from './response-contract';

/**
 * Issue #13, item 8: the four services' own OpenAPI documents drive fast-check generators of bad input
 * (schema-breaking bodies, parameters, headers and content types) against the real processes on
 * loopback. Seeded: HASHDESK_FUZZ_SEED replays a run, HASHDESK_FUZZ_RUNS sets the cases per operation,
 * HASHDESK_FUZZ_STRICT=1 fails on the known gaps too (known-gaps.ts). The full report of a run (every
 * offence, known gap and accepted write) is written to tmp/test-logs/openapi-fuzz-<seed>.txt.
 */
const SEED = Number(process.env.HASHDESK_FUZZ_SEED ?? 20_261_203);
const RUNS_PER_OPERATION = Number(process.env.HASHDESK_FUZZ_RUNS ?? 45);
const MIN_REQUESTS = 2_000;
const SERVICES: readonly ServiceName[] = ['ingest', 'valuation', 'risk', 'notification'];
const QUARANTINE_TOPIC = Topics.observationQuarantined.name;

/** Every offence and every accepted write of a run, in full (the failure message shows the first 40). */
const REPORT_FILE = join(__dirname, '..', '..', '..', '..', 'tmp', 'test-logs', `openapi-fuzz-${SEED}.txt`);

const ADMIN_API_KEY = randomBytes(32).toString('base64url');
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

describe(`OpenAPI fuzz (seed ${SEED})`, () => {
  const stack = new Stack('fuzz', {
    HASHDESK_ADMIN_API_KEY: ADMIN_API_KEY,
    NOTIFICATION_ADMIN_TOKEN: ADMIN_TOKEN,
    // The fuzz is one client sending thousands of requests a minute: limits would answer 429 before validation.
    HASHDESK_RATE_LIMIT_PER_MINUTE_IP: '10000000',
    HASHDESK_RATE_LIMIT_PER_MINUTE_KEY: '10000000',
    LOG_LEVEL: 'warn',
  });
  const documents = new Map<ServiceName, unknown>();
  const operations: Operation[] = [];
  let results: FuzzResult[] = [];
  let outboxes: Outboxes;
  let outboxMarks: Record<string, number>;
  let offsetsBefore: Map<string, number>;
  let subscriberKey = '';
  let fuzzSeconds = 0;
  const noInput: string[] = [];

  const authHeaders = (request: Pick<FuzzRequest, 'operation'>): Record<string, string> =>
    request.operation.startsWith('notification ')
      ? { 'x-api-key': ADMIN_API_KEY, authorization: `Bearer ${subscriberKey}`, 'x-admin-token': ADMIN_TOKEN }
      : { 'x-api-key': ADMIN_API_KEY };
  const baseUrl = (request: Pick<FuzzRequest, 'operation'>) => stack.service(request.operation.split(' ')[0] as ServiceName).url;

  beforeAll(async () => {
    await stack.prepare();
    await stack.start(...SERVICES);
    for (const name of SERVICES) {
      const document = await (await fetch(`${stack.service(name).url}/openapi.json`)).json();
      documents.set(name, document);
      operations.push(...operationsOf(name, document));
    }
    const urls = { ingest: stack.service('ingest').url, risk: stack.service('risk').url, notification: stack.service('notification').url };
    const seeded = await seedResources(urls, { apiKey: ADMIN_API_KEY, adminToken: ADMIN_TOKEN });
    subscriberKey = seeded.subscriberKey;

    // Before: every outbox drained (start-up and seeding events on the broker), then the marks.
    outboxes = await Outboxes.of(stack.database.url, SERVICES);
    await eventually('the outboxes to drain before the fuzz', () => outboxes.pending(), (n) => n === 0);
    outboxMarks = await outboxes.marks();
    offsetsBefore = await endOffsets(stack.kafka, stack.namespace.prefix);

    const context = fuzzContext(seeded);
    const requests = operations.flatMap((op) => {
      const arbitrary = requestsFor(op, context);
      if (!arbitrary) noInput.push(operationLabel(op));
      return arbitrary ? sampleRequests(arbitrary, operationSeed(SEED, operationLabel(op)), RUNS_PER_OPERATION).map((request, index) => ({ request, index })) : [];
    });
    const started = Date.now();
    results = await sendAll(baseUrl, authHeaders, requests);
    fuzzSeconds = (Date.now() - started) / 1000;
    const tally = (key: (r: FuzzResult) => string | number | undefined) =>
      results.reduce<Record<string, number>>((count, r) => {
        const k = key(r);
        return k === undefined ? count : { ...count, [k]: (count[k] ?? 0) + 1 };
      }, {});
    process.stdout.write(
      `openapi fuzz: seed ${SEED}, ${results.length} requests to ${operations.length} operations in ${fuzzSeconds.toFixed(1)} s; `
      + `statuses ${JSON.stringify(tally((r) => r.status))}; known gaps ${JSON.stringify(tally((r) => knownGapOf(r)?.id))}; `
      + `no input to fuzz: ${noInput.join(', ')}; report: ${REPORT_FILE}\n`,
    );
  });
  afterAll(() => stack.stopAll());

  it.each(SERVICES)('%s: its OpenAPI document is valid and declares every security scheme it names (Redocly security-defined)', async (name) => {
    const { problems } = await checkOpenApi(documents.get(name), `${name}.openapi.json`);
    expect(problems).toEqual([]);
  });

  it(`sends at least ${MIN_REQUESTS} bad requests covering every operation of the four documents`, () => {
    expect(results.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(operations.length).toBeGreaterThanOrEqual(40);
    const answered = new Set([...results.map((r) => r.request.operation), ...noInput]);
    expect(operations.map(operationLabel).filter((label) => !answered.has(label))).toEqual([]);
    // Only operations that take no parameter, header or body at all are left out (rotating our own key would end the run).
    expect(noInput.length).toBeLessThanOrEqual(3);
  });

  it('answers no bad request with a 5xx, and every 400 names the field', () => {
    const found = offences(results);
    const accepted = results.filter((r) => r.status >= 200 && r.status < 300 && r.request.method !== 'GET');
    const gaps = results.filter((r) => knownGapOf(r));
    mkdirSync(join(REPORT_FILE, '..'), { recursive: true });
    writeFileSync(REPORT_FILE, [
      ...found.map((o) => describeOffence(o, SEED)),
      ...gaps.map((r) => describeOffence({ kind: `known gap ${knownGapOf(r)?.id}`, result: r }, SEED)),
      ...accepted.map((r) => describeOffence({ kind: 'accepted write', result: r }, SEED)),
    ].join('\n'));
    const report = found.slice(0, 40).map((o) => describeOffence(o, SEED)).join('\n');
    expect(`${found.length} offences${found.length ? ` (all in ${REPORT_FILE})\n${report}` : ''}`).toBe('0 offences');
  });

  it('reaches validation on every operation that takes a body: at least one 400 naming a field each', () => {
    const validated = new Set(results.filter((r) => r.status === 400 && namesAField(r.json)).map((r) => r.request.operation));
    const withInput = operations.filter((op) => op.jsonBody || op.path.includes('/observations/batch') || op.path.includes('/backfill/'));
    expect(withInput.map(operationLabel).filter((label) => !validated.has(label))).toEqual([]);
  });

  it('refuses a body over the limit with 413 on every JSON write and upload', async () => {
    const targets = operations.filter((op) => op.jsonBody && !op.path.includes('{'));
    const oversize = JSON.stringify({ note: 'x'.repeat(1024 * 1024) });
    const csv = `date,price_usd\n${'2019-01-01,1\n'.repeat(400_000)}`; // 5.2 MB: over ingest's 4 MiB upload limit
    const answers: Record<string, number> = {};
    for (const op of targets) {
      const response = await fetch(`${stack.service(op.service as ServiceName).url}${op.path}`, {
        method: op.method, headers: { ...authHeaders({ operation: operationLabel(op) }), 'content-type': 'application/json' }, body: oversize,
      });
      answers[operationLabel(op)] = response.status;
      await response.arrayBuffer();
    }
    for (const [path, type] of [['/v1/backfill/daily-history', 'text/csv'], ['/v1/observations/batch', 'application/x-ndjson']]) {
      const response = await fetch(`${stack.service('ingest').url}${path}`, { method: 'POST', headers: { ...authHeaders({ operation: 'ingest' }), 'content-type': type }, body: csv });
      answers[`ingest POST ${path}`] = response.status;
      await response.arrayBuffer();
    }
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(10);
    expect(Object.entries(answers).filter(([, status]) => status !== 413)).toEqual([]);
  });

  it('publishes nothing: no outbox row and no broker record beyond the quarantine of refused implausible records', async () => {
    // Every quarantine an answer reported (a 400 that also quarantined the implausible record it refused).
    const quarantineIds = new Set(
      results.flatMap((r) => ((r.json as { quarantined?: Array<{ quarantineId?: string }> } | undefined)?.quarantined ?? []).map((q) => String(q.quarantineId))),
    );
    const written = await outboxes.rowsSince(outboxMarks);
    const expected = quarantineIds.size > 0 ? [{ schema: 'ingest', topic: QUARANTINE_TOPIC, rows: quarantineIds.size }] : [];
    expect(written).toEqual(expected);

    // The same rows on the broker once the relays are done (and not one record more on any topic).
    await eventually('the outboxes to drain after the fuzz', () => outboxes.pending(), (n) => n === 0);
    const added = addedRecords(offsetsBefore, await endOffsets(stack.kafka, stack.namespace.prefix));
    expect(added).toEqual(quarantineIds.size > 0 ? { [QUARANTINE_TOPIC]: quarantineIds.size } : {});
  });

  it.each(SERVICES)('%s is still ready afterwards', async (name) => {
    const response = await fetch(`${stack.service(name).url}/health/ready`);
    expect(response.status).toBe(200);
  });
});
