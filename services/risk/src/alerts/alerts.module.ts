import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { EventConsumer } from '@hashdesk/messaging';
import { DATA_SOURCE, EVENT_CONSUMER } from '@hashdesk/platform';
import type { DataSource } from 'typeorm';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { RecordCompanyProfileUseCase } from '../companies/record-company-profile.use-case';
import { MarketResolverService } from '../market/market-resolver.service';
import { MarketStateRepository } from '../market/market-state.repository';
import { RunMonteCarloUseCase } from '../monte-carlo/run-monte-carlo.use-case';
import { MonteCarloController } from '../monte-carlo/monte-carlo.controller';
import { PolicyRegisterController } from '../policy/policy-register.controller';
import { PolicyRegisterRepository } from '../policy/policy-register.repository';
import { RecordPolicyEventUseCase } from '../policy/record-policy-event.use-case';
import { CompanyRiskUseCase } from '../scenarios/company-risk.use-case';
import { CompanyScenariosUseCase } from '../scenarios/company-scenarios.use-case';
import { EvaluateCompanyValuedUseCase } from '../scenarios/evaluate-company-valued.use-case';
import { ScenarioEvaluationsRepository } from '../scenarios/scenario-evaluations.repository';
import { ScenariosController } from '../scenarios/scenarios.controller';
import { UniverseController } from '../scenarios/universe.controller';
import { UniverseUseCase } from '../scenarios/universe.use-case';
import { CreateStopLineUseCase } from '../watchlists/create-stop-line.use-case';
import { EvaluateStopLinesService } from '../watchlists/evaluate-stop-lines.service';
import { RecordEquityQuoteUseCase } from '../watchlists/record-equity-quote.use-case';
import { WatchlistsController } from '../watchlists/watchlists.controller';
import { WatchlistsRepository } from '../watchlists/watchlists.repository';
import { AlertsController } from './alerts.controller';
import { EvaluateHashpriceUseCase } from './evaluate-hashprice.use-case';

/**
 * The risk service's features: the hashprice consumer (floor rule, economic stop lines, default
 * market), the company-valuation consumer (standing scenarios, risk score, the company's economic
 * lines), the policy and permit register, watchlists and stop lines, standing and ad hoc scenarios,
 * the Monte Carlo worker pool.
 */
@Module({})
export class AlertsModule implements OnModuleInit {
  static register(configProvider: Provider): DynamicModule {
    return {
      module: AlertsModule,
      controllers: [AlertsController, WatchlistsController, ScenariosController, UniverseController, MonteCarloController, PolicyRegisterController],
      providers: [
        configProvider,
        EvaluateHashpriceUseCase,
        CompanyProfilesService,
        MarketStateRepository,
        MarketResolverService,
        EvaluateStopLinesService,
        WatchlistsRepository,
        CreateStopLineUseCase,
        RecordEquityQuoteUseCase,
        CompanyRiskUseCase,
        RunMonteCarloUseCase,
        ScenarioEvaluationsRepository,
        EvaluateCompanyValuedUseCase,
        CompanyScenariosUseCase,
        UniverseUseCase,
        PolicyRegisterRepository,
        RecordPolicyEventUseCase,
        RecordCompanyProfileUseCase,
      ],
    };
  }

  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly useCase: EvaluateHashpriceUseCase,
    private readonly equityQuotes: RecordEquityQuoteUseCase,
    private readonly companyValued: EvaluateCompanyValuedUseCase,
    private readonly policyEvents: RecordPolicyEventUseCase,
    private readonly profileVersions: RecordCompanyProfileUseCase,
  ) {}

  onModuleInit(): void {
    this.consumer.subscribe(Topics.hashpriceComputed, (event) => this.useCase.execute(event));
    this.consumer.subscribe(Topics.equityObserved, (event) => this.equityQuotes.onObserved(event));
    // Batch first: one transaction per batch of valuations (the backfill of a whole history is tens of thousands).
    this.consumer.subscribeBatch(Topics.companyValued, {
      dataSource: this.dataSource,
      handle: async (events, em) => {
        await this.companyValued.executeBatch(events, em);
      },
      afterCommit: async () => this.companyValued.afterBatch(),
    });
    this.consumer.subscribe(Topics.policyEventRecorded, (event) => this.policyEvents.execute(event));
    this.consumer.subscribe(Topics.companyProfileRecorded, (event) => this.profileVersions.execute(event));
  }
}
