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

/**
 * For a PATCH: a field sent as null would clear a value the resource must have. Refused with a 400 per
 * field (omit a field to keep it); `nullable` lists the fields where null means "clear".
 */
export function refuseNulls(body: object, nullable: readonly string[] = []): void {
  const violations = Object.entries(body)
    .filter(([field, value]) => value === null && !nullable.includes(field))
    .map(([field]) => ({ field, rule: 'notNull', message: 'must not be null: omit it to keep the current value' }));
  if (violations.length > 0) throw badRequest(violations);
}
