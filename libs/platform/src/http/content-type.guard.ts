import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { IncomingMessage } from 'node:http';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A request carries a body when it says so: a non-zero length or a chunked transfer. */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * A body must come with the exact media type its operation declares (@ApiConsumes, JSON by default):
 * a JSON operation sent text/plain would otherwise read as an empty body and succeed as a no-op, and
 * text/plain is what any web page may post cross-origin without a preflight. 415 names the header.
 */
@Injectable()
export class ContentTypeGate implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    if (!BODY_METHODS.has(request.method ?? '') || !hasBody(request)) return true;
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]) ?? ['application/json'];
    const sent = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (declared.includes(sent)) return true;
    const message = `must be ${declared.join(' or ')} (got "${sent || 'none'}")`;
    throw new HttpException(
      { statusCode: 415, error: 'Unsupported Media Type', message: `content-type: ${message}`, violations: [{ field: 'content-type', rule: 'isDeclaredMediaType', message }] },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}
