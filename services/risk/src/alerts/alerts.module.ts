import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import type { EventConsumer } from '@hashdesk/messaging';
import { EVENT_CONSUMER } from '@hashdesk/platform';
import { AlertsController } from './alerts.controller';
import { EvaluateHashpriceUseCase } from './evaluate-hashprice.use-case';

@Module({})
export class AlertsModule implements OnModuleInit {
  static register(configProvider: Provider): DynamicModule {
    return { module: AlertsModule, controllers: [AlertsController], providers: [configProvider, EvaluateHashpriceUseCase] };
  }

  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: EventConsumer,
    private readonly useCase: EvaluateHashpriceUseCase,
  ) {}

  onModuleInit(): void {
    this.consumer.subscribe(Topics.hashpriceComputed, (event) => this.useCase.execute(event));
  }
}
