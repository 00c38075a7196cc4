export enum SubscriptionExceptionCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  ADMIN_TOKEN_REQUIRED = 'ADMIN_TOKEN_REQUIRED',
  SUBSCRIPTION_NOT_FOUND = 'SUBSCRIPTION_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  URL_NOT_ALLOWED = 'URL_NOT_ALLOWED',
  URL_REQUIRED = 'URL_REQUIRED',
  NOT_A_WEBHOOK = 'NOT_A_WEBHOOK',
  EMAIL_REQUIRED = 'EMAIL_REQUIRED',
  EMAIL_NOT_CONFIGURED = 'EMAIL_NOT_CONFIGURED',
}

/** Raised by subscription and delivery use cases; mapped to HTTP in subscription-exception.filter.ts. */
export class SubscriptionException extends Error {
  constructor(readonly code: SubscriptionExceptionCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'SubscriptionException';
  }
}
