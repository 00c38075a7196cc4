import { timingSafeEqual } from 'node:crypto';
import type { NotificationEnv } from '../config/notification.config';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';

/**
 * Operator actions need x-admin-token equal to NOTIFICATION_ADMIN_TOKEN (compared in constant time).
 * With no token configured they are refused: secure by default, never open.
 */
export function assertAdmin(config: NotificationEnv, adminToken: string | undefined, action: string): void {
  const expected = config.NOTIFICATION_ADMIN_TOKEN;
  if (!expected) {
    throw new SubscriptionException(SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED, `${action} is off: no operator token is configured (set NOTIFICATION_ADMIN_TOKEN)`);
  }
  if (!(adminToken && adminToken.length === expected.length && timingSafeEqual(Buffer.from(adminToken), Buffer.from(expected)))) {
    throw new SubscriptionException(SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED, `${action} needs a valid x-admin-token`);
  }
}
