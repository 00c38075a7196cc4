import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { EventConsumer } from '@hashdesk/messaging';
import { EVENT_CONSUMER } from '@hashdesk/platform';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryWorker } from './delivery.worker';
import { EnqueueAlertUseCase } from './enqueue-alert.use-case';

@Module({})
export class DeliveriesModule implements OnModuleInit {
  static register(configProvider: Provider): DynamicModule {
    return { module: DeliveriesModule, controllers: [DeliveriesController], providers: [configProvider, DeliveryWorker, EnqueueAlertUseCase] };
  }

  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    private readonly useCase: EnqueueAlertUseCase,
  ) {}

  onModuleInit(): void {
    this.consumer.subscribe(Topics.alertRaised, (event) => this.useCase.execute(event));
  }
}
