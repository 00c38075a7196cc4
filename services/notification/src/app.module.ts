import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import { specOf } from '@hashdesk/messaging';
import { PlatformModule } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from './config/notification-config.token';
import type { NotificationEnv } from './config/notification.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { notificationEntities, notificationMigrations } from './migrations';

@Module({})
export class NotificationAppModule {
  static register(config: NotificationEnv): DynamicModule {
    return {
      module: NotificationAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'notification',
          infra: config,
          entities: notificationEntities,
          migrations: notificationMigrations,
          topics: [specOf(Topics.alertRaised), specOf(Topics.hashpriceComputed)],
        }),
        DeliveriesModule.register({ provide: NOTIFICATION_CONFIG, useValue: config }),
      ],
    };
  }
}
