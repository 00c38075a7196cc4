import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { badRequest } from './validation.pipe';

/** A path parameter that must be a UUID; its 400 names the parameter (Nest's ParseUUIDPipe names nothing). */
export class UuidParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly version: '4' | 'all' = 'all') {}

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value, this.version)) return value;
    const what = this.version === '4' ? 'a UUID (version 4)' : 'a UUID';
    throw badRequest([{ field: metadata.data ?? '(param)', rule: 'isUuid', message: `must be ${what}` }]);
  }
}
