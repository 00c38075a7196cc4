import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource, EntityManager } from 'typeorm';
import { CompanyValuedSchema, Topics, type CompanyValued } from '@hashdesk/contracts';
import type { DecodedEvent, OutboxRelay, OutboxWriter } from '@hashdesk/messaging';
import type { Logger } from '@hashdesk/observability';
import { readShippedCompanyProfiles } from '@hashdesk/reference-data';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import type { EvaluateStopLinesService } from '../watchlists/evaluate-stop-lines.service';
import { EvaluateCompanyValuedUseCase } from './evaluate-company-valued.use-case';
import type { PolicyRegisterRepository } from '../policy/policy-register.repository';
import type { ScenarioEvaluationsRepository } from './scenario-evaluations.repository';

const asOf = new Date('2025-10-01T12:00:00Z');
const eventOf = (ticker: string): DecodedEvent<typeof Topics.companyValued.schema> => ({
  meta: { id: 'valuation-event-1', type: Topics.companyValued.schema.typeName, source: 'hashdesk/valuation', time: asOf },
  key: ticker,
  topic: Topics.companyValued.name,
  partition: 0,
  offset: '0',
  headers: {},
  message: create(CompanyValuedSchema, {
    valuationId: 'v-1', ticker, asOf: timestampFromDate(asOf), knownAt: timestampFromDate(asOf), profileVersion: 1,
    btcPriceUsd: 110_000, difficulty: 150.1e12, height: 918_144, resultJson: '{"metrics":{"market":{"feesBtcPerBlock":0.02}}}',
  }) as CompanyValued,
});

/** Risk knows RIOT as ingest would have published it (version 1 of its data/companies file). */
function profilesWithRiot(): CompanyProfilesService {
  const profiles = new CompanyProfilesService();
  const profile = readShippedCompanyProfiles().find((p) => p.ticker === 'RIOT');
  if (!profile) throw new Error('data/companies has RIOT');
  profiles.remember({ ticker: 'RIOT', version: 1, eventId: 'profile-event-1', eventTime: asOf, learnedTime: asOf, profile });
  return profiles;
}

function given(firstDelivery: boolean) {
  const em = { query: jest.fn().mockResolvedValue(firstDelivery ? [{ message_id: 'valuation-event-1' }] : []) } as unknown as EntityManager;
  const dataSource = { transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)) } as unknown as DataSource;
  const outbox = { add: jest.fn().mockResolvedValue([]) };
  const relay = { kick: jest.fn() };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };
  // The store keeps what it has not seen: the ids of the rows given, once each.
  const evaluations = { saveMany: jest.fn(async (_em: EntityManager, rows: Array<{ evaluationId: string; valuationEventId: string }>) => new Set(rows.map((r) => r.evaluationId))) };
  const stopLines = { onMarket: jest.fn().mockResolvedValue(0), tickersWithLines: jest.fn(async () => new Set(['RIOT'])) };
  const policyEvent = { eventId: 'policy-1', jurisdiction: 'US-TX', tickers: ['RIOT'], kind: 'curtailment-order', impact: -2, effectiveAt: new Date('2025-09-01T00:00:00Z') };
  const policy = { forCompany: jest.fn().mockResolvedValue([policyEvent]) };
  const useCase = new EvaluateCompanyValuedUseCase(
    dataSource, outbox as unknown as OutboxWriter, relay as unknown as OutboxRelay, logger as unknown as Logger, profilesWithRiot(),
    evaluations as unknown as ScenarioEvaluationsRepository, stopLines as unknown as EvaluateStopLinesService, policy as unknown as PolicyRegisterRepository,
  );
  return { useCase, outbox, relay, evaluations, stopLines, policy };
}

describe('EvaluateCompanyValuedUseCase', () => {
  it('given a first delivery of a RIOT valuation, when handled, then it stores, publishes keyed by RIOT and judges only RIOT\'s economic lines, in one transaction', async () => {
    const { useCase, outbox, relay, evaluations, stopLines, policy } = given(true);
    await useCase.execute(eventOf('RIOT'));
    expect(evaluations.saveMany).toHaveBeenCalledTimes(1);
    expect(evaluations.saveMany.mock.calls[0][1]).toHaveLength(1);
    expect(evaluations.saveMany.mock.calls[0][1][0]).toMatchObject({ ticker: 'RIOT', asOf, valuationEventId: 'valuation-event-1', market: { btcPriceUsd: 110_000, feesBtcPerBlock: 0.02 } });
    expect(outbox.add).toHaveBeenCalledTimes(1);
    const published = outbox.add.mock.calls[0][1];
    expect(published).toMatchObject({ entry: Topics.scenariosEvaluated, subject: 'RIOT', eventTime: asOf });
    expect(published.eventId).toBe(published.message.evaluationId);
    // The register entries in force by the as-of feed the score and join the lineage.
    expect(policy.forCompany).toHaveBeenCalledWith('RIOT', asOf);
    expect(published.message.unknownRiskComponents).not.toContain('policy');
    expect(published.message.lineage.inputs.map((i: { eventId: string }) => i.eventId)).toEqual(['valuation-event-1', 'policy-1']);
    expect(stopLines.onMarket).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ btcPriceUsd: 110_000 }), expect.any(Number),
      { eventId: 'valuation-event-1', eventType: Topics.companyValued.schema.typeName, eventTime: asOf },
      { ticker: 'RIOT', kinds: ['break-even-btc-price', 'runway-floor', 'loan-to-value'] });
    expect(relay.kick).toHaveBeenCalledTimes(1);
  });

  it('given a redelivery (the inbox row exists), when handled, then nothing is stored, published or judged', async () => {
    const { useCase, outbox, relay, evaluations, stopLines } = given(false);
    await useCase.execute(eventOf('RIOT'));
    expect(evaluations.saveMany).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
    expect(stopLines.onMarket).not.toHaveBeenCalled();
    expect(relay.kick).not.toHaveBeenCalled();
  });

  it('given a company whose profile ingest has not published, when handled, then it is skipped without a transaction', async () => {
    const { useCase, outbox } = given(true);
    await useCase.execute(eventOf('ZZZZ'));
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('given a batch of two valuations (the consumer marked their inbox rows), when handled, then both are stored and published with one statement each in the caller\'s transaction, lines judged in order, and the relay is kicked once after the commit', async () => {
    const { useCase, outbox, relay, evaluations, stopLines, policy } = given(true);
    const em = {} as EntityManager;
    const later = new Date(asOf.getTime() + 86_400_000);
    const second = secondValuation(later);
    expect(await useCase.executeBatch([eventOf('RIOT'), second], em)).toBe(2);
    expect(evaluations.saveMany).toHaveBeenCalledTimes(1);
    expect(evaluations.saveMany.mock.calls[0][0]).toBe(em);
    expect(evaluations.saveMany.mock.calls[0][1].map((r: { valuationEventId: string }) => r.valuationEventId)).toEqual(['valuation-event-1', 'valuation-event-2']);
    expect(outbox.add).toHaveBeenCalledTimes(1);
    expect(outbox.add.mock.calls[0].slice(1).map((e: { message: { valuationId: string } }) => e.message.valuationId)).toEqual(['v-1', 'v-2']);
    expect(stopLines.onMarket.mock.calls.map((c) => c[3].eventId)).toEqual(['valuation-event-1', 'valuation-event-2']);
    // The register is read once for the company, up to the batch's newest as-of, and cut per valuation.
    expect(policy.forCompany).toHaveBeenCalledTimes(1);
    expect(policy.forCompany).toHaveBeenCalledWith('RIOT', later);
    expect(relay.kick).not.toHaveBeenCalled();
    useCase.afterBatch();
    expect(relay.kick).toHaveBeenCalledTimes(1);
  });

  it('given a batch holding the same valuation twice and a company without lines, when handled, then it is published once and no line is judged', async () => {
    const { useCase, outbox, stopLines } = given(true);
    stopLines.tickersWithLines.mockResolvedValue(new Set());
    // The same event twice (the evaluation id derives from the valuation event's id).
    expect(await useCase.executeBatch([eventOf('RIOT'), eventOf('RIOT')], {} as EntityManager)).toBe(1);
    expect(outbox.add.mock.calls[0].slice(1)).toHaveLength(1);
    expect(stopLines.tickersWithLines).toHaveBeenCalledWith(expect.anything(), ['RIOT'], ['break-even-btc-price', 'runway-floor', 'loan-to-value']);
    expect(stopLines.onMarket).not.toHaveBeenCalled();
  });

  it('given a register entry effective after the first valuation of a batch, when handled, then only the later valuation uses it (no look-ahead)', async () => {
    const { useCase, outbox, policy } = given(true);
    const later = new Date(asOf.getTime() + 86_400_000);
    policy.forCompany.mockResolvedValue([{ eventId: 'policy-2', jurisdiction: 'US-TX', tickers: ['RIOT'], kind: 'curtailment-order', impact: -2, effectiveAt: new Date(asOf.getTime() + 3_600_000) }]);
    await useCase.executeBatch([eventOf('RIOT'), secondValuation(later)], {} as EntityManager);
    const lineage = outbox.add.mock.calls[0].slice(1).map((e: { message: { lineage: { inputs: Array<{ eventId: string }> } } }) => e.message.lineage.inputs.map((i) => i.eventId));
    expect(lineage).toEqual([['valuation-event-1'], ['valuation-event-2', 'policy-2']]);
  });
});

function secondValuation(at: Date): DecodedEvent<typeof Topics.companyValued.schema> {
  const first = eventOf('RIOT');
  return {
    ...first,
    meta: { ...first.meta, id: 'valuation-event-2', time: at },
    message: { ...first.message, valuationId: 'v-2', asOf: timestampFromDate(at), knownAt: timestampFromDate(at) } as CompanyValued,
  };
}
