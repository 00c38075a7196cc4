import { timingSafeEqual } from 'node:crypto';
import { grants, type ApiPrincipal, type ApiScope } from '@hashdesk/platform';
import type { NotificationEnv } from '../config/notification.config';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';

/**
 * Operator actions need a platform API key with `scope` (admin by default), or x-admin-token equal to
 * NOTIFICATION_ADMIN_TOKEN (compared in constant time). With neither they are refused: secure by
 * default, never open.
 */
export function assertAdmin(config: NotificationEnv, adminToken: string | undefined, action: string, principal?: ApiPrincipal, scope: ApiScope = 'admin'): void {
  if (principal && grants(principal, scope)) return;
  const expected = config.NOTIFICATION_ADMIN_TOKEN;
  if (!expected) {
    throw new SubscriptionException(SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED, `${action} needs an API key with the scope ${scope}, or x-admin-token once an operator token is configured (set NOTIFICATION_ADMIN_TOKEN)`);
  }
  if (!(adminToken && adminToken.length === expected.length && timingSafeEqual(Buffer.from(adminToken), Buffer.from(expected)))) {
    throw new SubscriptionException(SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED, `${action} needs a valid x-admin-token`);
  }
}
