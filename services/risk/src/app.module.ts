import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import { specOf } from '@hashdesk/messaging';
import { PlatformModule } from '@hashdesk/platform';
import { AlertsModule } from './alerts/alerts.module';
import { RISK_CONFIG } from './config/risk-config.token';
import type { RiskEnv } from './config/risk.config';
import { riskEntities, riskMigrations } from './migrations';

@Module({})
export class RiskAppModule {
  static register(config: RiskEnv): DynamicModule {
    return {
      module: RiskAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'risk',
          infra: config,
          entities: riskEntities,
          migrations: riskMigrations,
          topics: [Topics.hashpriceComputed, Topics.equityObserved, Topics.companyValued, Topics.policyEventRecorded, Topics.companyProfileRecorded, Topics.alertRaised, Topics.scenariosEvaluated].map(specOf),
        }),
        AlertsModule.register({ provide: RISK_CONFIG, useValue: config }),
      ],
    };
  }
}
