import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { assertUnreachable } from '@hashdesk/economics';
import { describeViolations, ObservationException, ObservationExceptionCode } from './observation.exception';

/** What this filter needs of the platform's (express) response. */
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

export function httpStatusOf(code: ObservationExceptionCode): number {
  switch (code) {
    case ObservationExceptionCode.INVALID_RECORD:
    case ObservationExceptionCode.IMPLAUSIBLE_RECORD:
      return HttpStatus.BAD_REQUEST;
    case ObservationExceptionCode.BATCH_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ObservationExceptionCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    default:
      return assertUnreachable(code);
  }
}

/** The HTTP edge of ObservationException: the same body shape as the validation pipe's 400, plus the code and quarantine ids. */
@Catch(ObservationException)
export class ObservationExceptionFilter implements ExceptionFilter {
  catch(exception: ObservationException, host: ArgumentsHost): void {
    const status = httpStatusOf(exception.code);
    host.switchToHttp().getResponse<HttpResponse>().status(status).json({
      statusCode: status,
      error: exception.code,
      message: exception.violations.length > 0 ? describeViolations(exception.violations) : exception.message,
      violations: exception.violations,
      ...(exception.quarantined.length > 0 ? { quarantined: exception.quarantined } : {}),
    });
  }
}
