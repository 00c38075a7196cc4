import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { assertUnreachable } from '@hashdesk/economics';
import { CompanyProfileException, CompanyProfileExceptionCode } from './company-profile.exception';

interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

export function httpStatusOf(code: CompanyProfileExceptionCode): number {
  switch (code) {
    case CompanyProfileExceptionCode.INVALID_PROFILE:
    case CompanyProfileExceptionCode.INVALID_FIGURE:
      return HttpStatus.BAD_REQUEST;
    case CompanyProfileExceptionCode.UNKNOWN_TICKER:
      return HttpStatus.NOT_FOUND;
    default:
      return assertUnreachable(code);
  }
}

/** The HTTP edge of CompanyProfileException: the validation pipe's 400 shape (violations[{field, rule, message}]) plus the code. */
@Catch(CompanyProfileException)
export class CompanyProfileExceptionFilter implements ExceptionFilter {
  catch(exception: CompanyProfileException, host: ArgumentsHost): void {
    const status = httpStatusOf(exception.code);
    host.switchToHttp().getResponse<HttpResponse>().status(status).json({
      statusCode: status,
      error: exception.code,
      message: exception.violations.length > 0 ? exception.violations.map((v) => `${v.field}: ${v.message}`).join('; ') : exception.message,
      violations: exception.violations,
    });
  }
}
