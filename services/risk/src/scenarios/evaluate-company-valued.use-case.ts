import { Inject, Injectable } from '@nestjs/common';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { DataSource, EntityManager } from 'typeorm';
import { CompanyProfileRecordedSchema, PolicyEventRecordedSchema, ScenariosEvaluatedSchema, Topics, type CompanyValued } from '@hashdesk/contracts';
import {
  balanceSheetRisk, companyMetrics, EconomicsInputError, resolveMarket, runStandingScenarios, STANDING_SCENARIOS, type CompanyValuationOptions, type StopLineKind,
} from '@hashdesk/economics';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, LOGGER, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import type { Logger } from '@hashdesk/observability';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { PolicyRegisterRepository, type PolicyEventView } from '../policy/policy-register.repository';
import { EvaluateStopLinesService } from '../watchlists/evaluate-stop-lines.service';
import { asOfOf, marketOfValuation, scenariosEvaluatedFor } from './scenario-evaluation.mapper';
import { ScenarioEvaluationsRepository } from './scenario-evaluations.repository';

/** The company's economic lines judged on each of its valuations (break-even hashprice stays with the network figure). */
const COMPANY_LINE_KINDS: readonly StopLineKind[] = ['break-even-btc-price', 'runway-floor', 'loan-to-value'];

/**
 * On each valuation.company.valued.v1: the company's standing scenarios and risk score at the
 * valuation's market, stored (point in time by the valuation's as-of) and published on
 * risk.scenarios.evaluated.v1; the company's economic stop lines judged on the same market. Inbox,
 * evaluation, line state and outbox rows change in one transaction: a redelivery changes nothing.
 */
@Injectable()
export class EvaluateCompanyValuedUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly profiles: CompanyProfilesService,
    private readonly evaluations: ScenarioEvaluationsRepository,
    private readonly stopLines: EvaluateStopLinesService,
    private readonly policy: PolicyRegisterRepository,
  ) {}

  /** The per-message path: its own transaction with the inbox row. */
  async execute(event: DecodedEvent<typeof Topics.companyValued.schema>): Promise<void> {
    const evaluation = await this.evaluate(event, new PolicyInForce(this.policy, asOfOf(event.message)));
    if (!evaluation) return;
    const published = await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', event.meta.id, event.topic))) return false;
      return (await this.record(em, [evaluation])) > 0;
    });
    if (published) {
      this.logger.info({ ticker: evaluation.ticker, eventId: event.meta.id, evaluationId: evaluation.message.evaluationId, riskScore: evaluation.message.riskScore }, 'scenarios evaluated');
      this.relay.kick();
    }
  }

  /**
   * The batch path (subscribeBatch): the consumer has marked the batch's inbox rows in `em`'s
   * transaction; every evaluation of the batch is written in it too, with one statement each for the
   * evaluations and their events, and the register read once per company. One commit per batch.
   */
  async executeBatch(events: Array<DecodedEvent<typeof Topics.companyValued.schema>>, em: EntityManager): Promise<number> {
    const newest = events.reduce((at, e) => Math.max(at, asOfOf(e.message).getTime()), 0);
    const policy = new PolicyInForce(this.policy, new Date(newest));
    const evaluations: Evaluation[] = [];
    for (const event of events) {
      const evaluation = await this.evaluate(event, policy);
      if (evaluation) evaluations.push(evaluation);
    }
    return this.record(em, evaluations);
  }

  /** After a batch committed: publish what it wrote. */
  afterBatch(): void {
    this.relay.kick();
  }

  /** The standing scenarios and risk score of one valuation (reads only); undefined when risk has no profile of the company. */
  private async evaluate(event: DecodedEvent<typeof Topics.companyValued.schema>, policy: PolicyInForce): Promise<Evaluation | undefined> {
    const valued: CompanyValued = event.message;
    const ticker = valued.ticker.toUpperCase();
    // The version the valuation used (or the newest recorded before it), else the newest profile risk knows.
    const recorded = await this.profiles.atVersion(ticker, valued.profileVersion);
    if (!recorded && !this.profiles.tickers().includes(ticker)) {
      // A company whose profile has not reached risk yet is not an error of the message.
      this.logger.warn({ ticker, eventId: event.meta.id }, 'valuation of a company without a profile in risk: no scenarios');
      return undefined;
    }
    const market = marketOfValuation(valued);
    const asOf = asOfOf(valued);
    const options: CompanyValuationOptions = { valuation: { excludeIncompleteHpcContracts: true, valuationDate: asOf.toISOString().slice(0, 10) } };
    const profile = recorded?.profile ?? this.profiles.get(ticker);
    // The register as risk holds it, in force by the valuation's as-of; the entries used join the lineage.
    const policyEvents = await policy.forCompany(ticker, asOf);
    let computed;
    try {
      const standingScenarios = runStandingScenarios(profile, market, options, STANDING_SCENARIOS);
      const risk = balanceSheetRisk(profile, companyMetrics(profile, market, options.company), standingScenarios, { policy: { events: policyEvents, asOf } });
      computed = { standingScenarios, risk, hashprice: resolveMarket(market).hashpriceUsdPerPhDay };
    } catch (error) {
      if (error instanceof EconomicsInputError) throw new PoisonMessageError('INVALID_MARKET', `${error.field}: ${error.rule}`);
      throw error;
    }
    const source = { eventId: event.meta.id, eventType: event.meta.type, eventTime: event.meta.time };
    const policyRefs = policyEvents.map((e) => ({ eventId: e.eventId, eventType: PolicyEventRecordedSchema.typeName, eventTime: e.effectiveAt }));
    const profileRefs = recorded ? [{ eventId: recorded.eventId, eventType: CompanyProfileRecordedSchema.typeName, eventTime: recorded.eventTime }] : [];
    const message = scenariosEvaluatedFor({ ...valued, ticker } as CompanyValued, source, market, computed.standingScenarios, computed.risk, [...profileRefs, ...policyRefs]);
    return { event, valued, ticker, asOf, market, computed, message };
  }

  /**
   * Stores the evaluations, publishes the new ones (outbox) and judges each company's lines on them in
   * valuation order, in the caller's transaction; returns how many were new (a stored one changes nothing).
   */
  private async record(em: EntityManager, evaluations: Evaluation[]): Promise<number> {
    const stored = await this.evaluations.saveMany(em, evaluations.map((e) => ({
      evaluationId: e.message.evaluationId,
      ticker: e.ticker,
      asOf: e.asOf,
      knownAt: e.valued.knownAt ? timestampDate(e.valued.knownAt) : null,
      valuationId: e.valued.valuationId,
      valuationEventId: e.event.meta.id,
      market: e.market,
      evaluation: {
        event: toJson(ScenariosEvaluatedSchema, e.message),
        standingScenarios: e.computed.standingScenarios,
        balanceSheetRisk: e.computed.risk,
      },
    })));
    // Each new evaluation once, in offset order (a repeat inside the batch was not inserted twice).
    const fresh = evaluations.filter((e) => stored.delete(e.message.evaluationId));
    for (let i = 0; i < fresh.length; i += OUTBOX_CHUNK) {
      await this.outbox.add(em, ...fresh.slice(i, i + OUTBOX_CHUNK).map((e) => ({
        entry: Topics.scenariosEvaluated, message: e.message, eventId: e.message.evaluationId, eventTime: e.asOf, subject: e.ticker,
      })));
    }
    // Stop-line state evolves valuation by valuation; companies without an enabled line are skipped with one statement.
    const withLines = await this.stopLines.tickersWithLines(em, [...new Set(fresh.map((e) => e.ticker))], COMPANY_LINE_KINDS);
    for (const e of fresh.filter((f) => withLines.has(f.ticker))) {
      await this.stopLines.onMarket(em, e.market, e.computed.hashprice, { eventId: e.event.meta.id, eventType: e.event.meta.type, eventTime: e.asOf }, { ticker: e.ticker, kinds: COMPANY_LINE_KINDS });
    }
    return fresh.length;
  }
}

/** Rows per outbox statement (a scenario event is a few kB). */
const OUTBOX_CHUNK = 500;

/**
 * The register entries bearing on each company, read once per company for a batch (those in force by the
 * batch's newest as-of) and cut per valuation by its own as-of: no look-ahead, one statement per company.
 */
class PolicyInForce {
  private readonly byTicker = new Map<string, { until: Date; events: PolicyEventView[] }>();

  constructor(private readonly register: PolicyRegisterRepository, private readonly batchUntil: Date) {}

  async forCompany(ticker: string, asOf: Date): Promise<PolicyEventView[]> {
    let held = this.byTicker.get(ticker);
    if (!held || held.until < asOf) {
      const until = asOf > this.batchUntil ? asOf : this.batchUntil;
      held = { until, events: await this.register.forCompany(ticker, until) };
      this.byTicker.set(ticker, held);
    }
    return held.events.filter((e) => e.effectiveAt <= asOf);
  }
}

interface Evaluation {
  event: DecodedEvent<typeof Topics.companyValued.schema>;
  valued: CompanyValued;
  ticker: string;
  asOf: Date;
  market: ReturnType<typeof marketOfValuation>;
  computed: { standingScenarios: ReturnType<typeof runStandingScenarios>; risk: ReturnType<typeof balanceSheetRisk>; hashprice: number };
  message: ReturnType<typeof scenariosEvaluatedFor>;
}
