import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CompanyValuedSchema, Topics } from '@hashdesk/contracts';
import { createIdempotentProducer, encodeMessage, metaToHeaders, newEventId, type Producer } from '@hashdesk/messaging';
import { eventually } from '@hashdesk/testing';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';

const VALUATIONS = 24;
const start = Date.parse('2025-10-01T00:00:00Z');

/**
 * Risk killed mid-stream and restarted: every company valuation it consumes gives exactly one
 * standing-scenario evaluation (inbox + outbox in one transaction, offsets committed after), none lost.
 */
describe('risk killed (SIGKILL) mid-stream', () => {
  const stack = new Stack('risk-restart');
  let producer: Producer;

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('risk');
    await seedCompanyProfiles(stack, ['RIOT']);
    producer = createIdempotentProducer(stack.kafka);
    await producer.connect();
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await stack.stopAll();
  });

  /** A RIOT valuation as valuation would publish it, one hour after the previous one. */
  const publishValuation = async (i: number): Promise<string> => {
    const asOf = new Date(start + i * 3_600_000);
    const message = create(CompanyValuedSchema, {
      valuationId: newEventId(), ticker: 'RIOT', asOf: timestampFromDate(asOf), knownAt: timestampFromDate(asOf), profileVersion: 1,
      btcPriceUsd: 110_000 + i * 10, difficulty: 150.1e12, height: 918_144 + i * 6, resultJson: '{"metrics":{"market":{"feesBtcPerBlock":0.02}}}',
    });
    const id = newEventId();
    const headers = metaToHeaders({ id, type: Topics.companyValued.schema.typeName, source: 'hashdesk/e2e', time: asOf });
    await producer.send({ topic: stack.namespace.topic(Topics.companyValued.name), acks: -1, messages: [{ key: 'RIOT', value: encodeMessage(Topics.companyValued, message), headers }] });
    return id;
  };

  it('loses no valuation and evaluates none twice', async () => {
    const evaluated = await stack.probe(Topics.scenariosEvaluated);
    const sent: string[] = [];
    for (let i = 0; i < 8; i++) sent.push(await publishValuation(i));
    await evaluated.waitFor((e) => e.length >= 2, 60_000, 'the first evaluations');
    expect(await stack.service('risk').kill()).toBeNull(); // SIGKILL: possibly mid-transaction, before an offset commit
    for (let i = 8; i < 16; i++) sent.push(await publishValuation(i)); // published while risk is down
    await stack.start('risk');
    for (let i = 16; i < VALUATIONS; i++) sent.push(await publishValuation(i));

    const events = await evaluated.waitFor((e) => new Set(e.map((x) => x.meta.id)).size >= VALUATIONS, 90_000, `${VALUATIONS} distinct evaluations`);
    await stack.settled(); // anything extra would show up now
    const byId = new Map(events.map((e) => [e.meta.id, e]));
    expect(byId.size).toBe(VALUATIONS);
    // Each evaluation names exactly one of the valuations sent, and every one is named.
    expect([...byId.values()].map((e) => e.message.lineage?.inputs[0]?.eventId).sort()).toEqual([...sent].sort());
    // A record sent twice (killed between the Kafka send and marking it published) is the same event, byte for byte.
    for (const raw of evaluated.raw) expect(raw.value?.equals(evaluated.raw.find((r) => r.headers.ce_id === raw.headers.ce_id)?.value as Buffer)).toBe(true);
    const count = async (sql: string) => Number((await stack.database.query<{ n: string }>(sql))[0].n);
    // Valuations only: the inbox also holds the seeded RIOT profile.
    const inbox = `SELECT count(*) AS n FROM risk.processed_message WHERE consumer_group = 'risk' AND topic LIKE '%${Topics.companyValued.name}'`;
    await eventually('every valuation in the inbox', () => count(inbox), (n) => n >= VALUATIONS);
    expect(await count(inbox)).toBe(VALUATIONS);
    expect(await count('SELECT count(*) AS n FROM risk.scenario_evaluation')).toBe(VALUATIONS);
  }, 240_000);
});
