import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { DEFAULT_SUBSCRIPTION_ID } from '../migrations/1732400000410-subscriptions.migration';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * NOTIFICATION_WEBHOOK_URL as a built-in subscription to every alert, signed with
 * NOTIFICATION_WEBHOOK_SECRET: the operator's own endpoint, so it is trusted by the SSRF guard.
 */
@Injectable()
export class DefaultSubscription implements OnModuleInit {
  constructor(
    private readonly repository: SubscriptionsRepository,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.configureDefault(DEFAULT_SUBSCRIPTION_ID, this.config.NOTIFICATION_WEBHOOK_URL, this.config.NOTIFICATION_WEBHOOK_SECRET);
  }
}
