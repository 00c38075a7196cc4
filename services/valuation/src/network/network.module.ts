import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { EventConsumer } from '@hashdesk/messaging';
import { EVENT_CONSUMER } from '@hashdesk/platform';
import { CompaniesModule } from '../companies/companies.module';
import { MachinesController } from '../machines/machines.controller';
import { RecordPowerPriceUseCase } from '../machines/record-power-price.use-case';
import { MarginProjectionsController } from '../retarget/margin-projections.controller';
import { ProjectMarginsService } from '../retarget/project-margins.service';
import { HashpriceController } from './hashprice.controller';
import { NetworkMetricsController } from './network-metrics.controller';
import { RecordNetworkInputUseCase } from './record-network-input.use-case';

@Module({ imports: [CompaniesModule], controllers: [HashpriceController, NetworkMetricsController, MarginProjectionsController, MachinesController], providers: [RecordNetworkInputUseCase, ProjectMarginsService, RecordPowerPriceUseCase] })
export class NetworkModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    private readonly useCase: RecordNetworkInputUseCase,
    private readonly power: RecordPowerPriceUseCase,
  ) {}

  onModuleInit(): void {
    this.consumer.subscribe(Topics.priceObserved, (event) => this.useCase.onPriceObserved(event));
    this.consumer.subscribe(Topics.networkObserved, (event) => this.useCase.onNetworkObserved(event));
    this.consumer.subscribe(Topics.powerObserved, (event) => this.power.onPowerObserved(event));
  }
}
