import { timingSafeEqual } from 'node:crypto';
import type { NotificationEnv } from '../config/notification.config';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';

/** Operator actions need x-admin-token when NOTIFICATION_ADMIN_TOKEN is set (compared in constant time). */
export function assertAdmin(config: NotificationEnv, adminToken: string | undefined, action: string): void {
  const expected = config.NOTIFICATION_ADMIN_TOKEN;
  if (expected && !(adminToken && adminToken.length === expected.length && timingSafeEqual(Buffer.from(adminToken), Buffer.from(expected)))) {
    throw new SubscriptionException(SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED, `${action} needs a valid x-admin-token`);
  }
}
