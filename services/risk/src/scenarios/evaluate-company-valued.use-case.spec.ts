import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource, EntityManager } from 'typeorm';
import { CompanyValuedSchema, Topics, type CompanyValued } from '@hashdesk/contracts';
import type { DecodedEvent, OutboxRelay, OutboxWriter } from '@hashdesk/messaging';
import type { Logger } from '@hashdesk/observability';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import type { EvaluateStopLinesService } from '../watchlists/evaluate-stop-lines.service';
import { EvaluateCompanyValuedUseCase } from './evaluate-company-valued.use-case';
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

function given(firstDelivery: boolean) {
  const em = { query: jest.fn().mockResolvedValue(firstDelivery ? [{ message_id: 'valuation-event-1' }] : []) } as unknown as EntityManager;
  const dataSource = { transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)) } as unknown as DataSource;
  const outbox = { add: jest.fn().mockResolvedValue([]) };
  const relay = { kick: jest.fn() };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };
  const evaluations = { save: jest.fn().mockResolvedValue(true) };
  const stopLines = { onMarket: jest.fn().mockResolvedValue(0) };
  const useCase = new EvaluateCompanyValuedUseCase(
    dataSource, outbox as unknown as OutboxWriter, relay as unknown as OutboxRelay, logger as unknown as Logger, new CompanyProfilesService(),
    evaluations as unknown as ScenarioEvaluationsRepository, stopLines as unknown as EvaluateStopLinesService,
  );
  return { useCase, outbox, relay, evaluations, stopLines };
}

describe('EvaluateCompanyValuedUseCase', () => {
  it('given a first delivery of a RIOT valuation, when handled, then it stores, publishes keyed by RIOT and judges only RIOT\'s economic lines, in one transaction', async () => {
    const { useCase, outbox, relay, evaluations, stopLines } = given(true);
    await useCase.execute(eventOf('RIOT'));
    expect(evaluations.save).toHaveBeenCalledTimes(1);
    expect(evaluations.save.mock.calls[0][1]).toMatchObject({ ticker: 'RIOT', asOf, valuationEventId: 'valuation-event-1', market: { btcPriceUsd: 110_000, feesBtcPerBlock: 0.02 } });
    expect(outbox.add).toHaveBeenCalledTimes(1);
    const published = outbox.add.mock.calls[0][1];
    expect(published).toMatchObject({ entry: Topics.scenariosEvaluated, subject: 'RIOT', eventTime: asOf });
    expect(published.eventId).toBe(published.message.evaluationId);
    expect(stopLines.onMarket).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ btcPriceUsd: 110_000 }), expect.any(Number),
      { eventId: 'valuation-event-1', eventType: Topics.companyValued.schema.typeName, eventTime: asOf },
      { ticker: 'RIOT', kinds: ['break-even-btc-price', 'runway-floor', 'loan-to-value'] });
    expect(relay.kick).toHaveBeenCalledTimes(1);
  });

  it('given a redelivery (the inbox row exists), when handled, then nothing is stored, published or judged', async () => {
    const { useCase, outbox, relay, evaluations, stopLines } = given(false);
    await useCase.execute(eventOf('RIOT'));
    expect(evaluations.save).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
    expect(stopLines.onMarket).not.toHaveBeenCalled();
    expect(relay.kick).not.toHaveBeenCalled();
  });

  it('given a company without a shipped profile, when handled, then it is skipped without a transaction', async () => {
    const { useCase, outbox } = given(true);
    await useCase.execute(eventOf('ZZZZ'));
    expect(outbox.add).not.toHaveBeenCalled();
  });
});
