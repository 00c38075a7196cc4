import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { assertUnreachable } from '@hashdesk/economics';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';

/** The one HTTP edge for SubscriptionException: every code maps to a status, exhaustively. */
export function httpStatusOf(code: SubscriptionExceptionCode): number {
  switch (code) {
    case SubscriptionExceptionCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case SubscriptionExceptionCode.ADMIN_TOKEN_REQUIRED:
      return HttpStatus.FORBIDDEN;
    // Another subscriber's subscription or delivery is "not found": existence is not revealed.
    case SubscriptionExceptionCode.SUBSCRIPTION_NOT_FOUND:
    case SubscriptionExceptionCode.DELIVERY_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case SubscriptionExceptionCode.URL_NOT_ALLOWED:
    case SubscriptionExceptionCode.URL_REQUIRED:
    case SubscriptionExceptionCode.NOT_A_WEBHOOK:
    case SubscriptionExceptionCode.EMAIL_REQUIRED:
    case SubscriptionExceptionCode.EMAIL_NOT_CONFIGURED:
      return HttpStatus.BAD_REQUEST;
    default:
      return assertUnreachable(code);
  }
}

@Catch(SubscriptionException)
export class SubscriptionExceptionFilter implements ExceptionFilter {
  catch(exception: SubscriptionException, host: ArgumentsHost): void {
    const status = httpStatusOf(exception.code);
    const body: Record<string, unknown> = { statusCode: status, code: exception.code, message: exception.field ? `${exception.field}: ${exception.message}` : exception.message };
    if (status === HttpStatus.BAD_REQUEST && exception.field) body.violations = [{ field: exception.field, rule: exception.code, message: exception.message }];
    const response = host.switchToHttp().getResponse<ServerResponse>();
    response.statusCode = status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }
}
