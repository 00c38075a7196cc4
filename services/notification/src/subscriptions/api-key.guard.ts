import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { presentedApiKey } from '@hashdesk/platform';
import { SubscriptionsRepository, type Subscriber } from './subscriptions.repository';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';

type AuthenticatedRequest = IncomingMessage & { subscriber?: Subscriber };

/** Authenticates a subscriber by `Authorization: Bearer <key>` or `x-api-key: <key>`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly repository: SubscriptionsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = presentedApiKey(request.headers);
    const subscriber = key ? await this.repository.findSubscriberByApiKey(key) : undefined;
    if (!subscriber) throw new SubscriptionException(SubscriptionExceptionCode.UNAUTHENTICATED, 'a valid API key is required (Authorization: Bearer <key>)');
    request.subscriber = subscriber;
    return true;
  }
}

/** The subscriber the ApiKeyGuard authenticated. */
export const CurrentSubscriber = createParamDecorator((_data: unknown, context: ExecutionContext): Subscriber => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().subscriber!;
});
