import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** 400 bodies name each bad field and the rule it breaks: {statusCode, error, message, violations[]}. */
export function badRequest(violations: FieldViolation[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: violations.map((v) => `${v.field}: ${v.message}`).join('; '),
    violations,
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => badRequest(flattenValidationErrors(errors)),
  });
}
