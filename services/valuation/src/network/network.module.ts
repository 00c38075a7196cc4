import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { BatchSubscription, EventConsumer } from '@hashdesk/messaging';
import type { DataSource } from 'typeorm';
import type { DescMessage } from '@bufbuild/protobuf';
import { DATA_SOURCE, EVENT_CONSUMER } from '@hashdesk/platform';
import { CompaniesModule } from '../companies/companies.module';
import { MachinesController } from '../machines/machines.controller';
import { RecordPowerPriceUseCase } from '../machines/record-power-price.use-case';
import { MarginProjectionsController } from '../retarget/margin-projections.controller';
import { ProjectMarginsService } from '../retarget/project-margins.service';
import { HashpriceController } from './hashprice.controller';
import { NetworkMetricsController } from './network-metrics.controller';
import { RecordNetworkInputUseCase, type RecordOutcome } from './record-network-input.use-case';

@Module({ imports: [CompaniesModule], controllers: [HashpriceController, NetworkMetricsController, MarginProjectionsController, MachinesController], providers: [RecordNetworkInputUseCase, ProjectMarginsService, RecordPowerPriceUseCase] })
export class NetworkModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly useCase: RecordNetworkInputUseCase,
    private readonly power: RecordPowerPriceUseCase,
  ) {}

  onModuleInit(): void {
    // Batch first: one transaction per batch of inputs (a backfill is thousands), each input recorded in offset order.
    this.consumer.subscribeBatch(Topics.priceObserved, this.inputBatches());
    this.consumer.subscribeBatch(Topics.networkObserved, this.inputBatches());
    this.consumer.subscribe(Topics.powerObserved, (event) => this.power.onPowerObserved(event));
  }

  /** Batches run one at a time (one partition at a time), so the outcome of the committed one is the one held. */
  private inputBatches<Desc extends DescMessage>(): BatchSubscription<Desc> {
    let outcome: RecordOutcome = { valued: 0 };
    return {
      dataSource: this.dataSource,
      handle: async (events, em) => {
        outcome = await this.useCase.recordBatch(events, em);
      },
      afterCommit: async () => this.useCase.afterCommit(outcome),
    };
  }
}
