import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { EventConsumer } from '@hashdesk/messaging';
import { EVENT_CONSUMER } from '@hashdesk/platform';
import { CompaniesController } from './companies.controller';
import { ComparablesCache } from './comparables.cache';
import { CompanyQueryRepository } from './company-query.repository';
import { RecordCompanyProfileUseCase } from './record-company-profile.use-case';
import { RecordEquityQuoteUseCase } from './record-equity-quote.use-case';
import { ValueCompaniesService } from './value-companies.service';

@Module({
  controllers: [CompaniesController],
  providers: [ValueCompaniesService, RecordCompanyProfileUseCase, RecordEquityQuoteUseCase, CompanyQueryRepository, ComparablesCache],
  exports: [ValueCompaniesService, ComparablesCache],
})
export class CompaniesModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    private readonly useCase: RecordCompanyProfileUseCase,
    private readonly quotes: RecordEquityQuoteUseCase,
  ) {}

  onModuleInit(): void {
    this.consumer.subscribe(Topics.companyProfileRecorded, (event) => this.useCase.onProfileRecorded(event));
    this.consumer.subscribe(Topics.equityObserved, (event) => this.quotes.onEquityObserved(event));
  }
}
