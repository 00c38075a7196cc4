import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { assertUnreachable, EconomicsInputError } from '@hashdesk/economics';
import { RiskException, RiskExceptionCode } from './risk.exception';

/** The one HTTP edge for RiskException: every code maps to a status, exhaustively. */
export function httpStatusOf(code: RiskExceptionCode): number {
  switch (code) {
    case RiskExceptionCode.UNKNOWN_COMPANY:
    case RiskExceptionCode.WATCHLIST_ENTRY_NOT_FOUND:
    case RiskExceptionCode.STOP_LINE_NOT_FOUND:
    case RiskExceptionCode.EVALUATION_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case RiskExceptionCode.INVALID_INPUT:
    case RiskExceptionCode.MARKET_UNKNOWN:
    case RiskExceptionCode.LINE_LEVEL_UNKNOWN:
      return HttpStatus.BAD_REQUEST;
    case RiskExceptionCode.COMPANY_NOT_SIMULABLE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case RiskExceptionCode.MONTE_CARLO_BUSY:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

/** Economics input errors name the field as the library saw it; the caller's prefix maps it back to the request. */
export function fromEconomicsError(error: EconomicsInputError, prefix = ''): RiskException {
  return new RiskException(RiskExceptionCode.INVALID_INPUT, error.rule, `${prefix}${error.field}`);
}

@Catch(RiskException, EconomicsInputError)
export class RiskExceptionFilter implements ExceptionFilter {
  catch(raw: RiskException | EconomicsInputError, host: ArgumentsHost): void {
    const exception = raw instanceof EconomicsInputError ? fromEconomicsError(raw) : raw;
    const status = httpStatusOf(exception.code);
    const body: Record<string, unknown> = { statusCode: status, code: exception.code, message: exception.field ? `${exception.field}: ${exception.message}` : exception.message };
    if (status === HttpStatus.BAD_REQUEST && exception.field) body.violations = [{ field: exception.field, rule: exception.code, message: exception.message }];
    const response = host.switchToHttp().getResponse<ServerResponse>();
    response.statusCode = status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }
}
