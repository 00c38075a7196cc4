import type { NotificationEnv } from '../config/notification.config';
import { assertAdmin } from './admin-token';
import { SubscriptionException } from './subscription.exception';

const configWith = (token?: string) => ({ NOTIFICATION_ADMIN_TOKEN: token }) as unknown as NotificationEnv;

describe('assertAdmin (operator actions)', () => {
  it('given no operator token configured, when any token is sent, then the action is refused and says which variable turns it on', () => {
    expect(() => assertAdmin(configWith(undefined), 'anything', 'creating a subscriber')).toThrow(SubscriptionException);
    expect(() => assertAdmin(configWith(undefined), undefined, 'creating a subscriber')).toThrow(/set NOTIFICATION_ADMIN_TOKEN/);
  });

  it('given a configured token, when a wrong, shorter or missing one is sent, then it is refused; the right one passes', () => {
    const config = configWith('adm_0123456789abcdef');
    expect(() => assertAdmin(config, 'adm_0123456789abcdeX', 'replaying')).toThrow(/needs a valid x-admin-token/);
    expect(() => assertAdmin(config, 'adm_', 'replaying')).toThrow(/needs a valid x-admin-token/);
    expect(() => assertAdmin(config, undefined, 'replaying')).toThrow(/needs a valid x-admin-token/);
    expect(() => assertAdmin(config, 'adm_0123456789abcdef', 'replaying')).not.toThrow();
  });
});

describe('assertAdmin with a platform API key', () => {
  const noToken = { NOTIFICATION_ADMIN_TOKEN: undefined } as unknown as NotificationEnv;
  it('accepts a key holding the scope even when no operator token is configured, and refuses one without it', () => {
    expect(() => assertAdmin(noToken, undefined, 'creating a subscriber', { keyId: 'k', owner: 'desk', scopes: ['notification:subscribe'] }, 'notification:subscribe')).not.toThrow();
    expect(() => assertAdmin(noToken, undefined, 'creating a subscriber', { keyId: 'k', owner: 'desk', scopes: ['risk:write'] }, 'notification:subscribe')).toThrow(/notification:subscribe/);
    expect(() => assertAdmin(noToken, undefined, 'replaying unroutable events', { keyId: 'k', owner: 'desk', scopes: ['notification:subscribe'] })).toThrow(/scope admin/);
  });
});
