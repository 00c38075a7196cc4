// The request edge, before Nest: answers what the framework would refuse naming nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A path segment that is not valid percent-encoded UTF-8 (%FF, %ED%A0%80) would be refused by the
 * router with a 400 naming nothing: answered here first, in the services' 400 shape, naming the path.
 */
export function refuseUndecodablePath(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const path = (request.url ?? '/').split('?')[0];
  try {
    decodeURIComponent(path);
  } catch {
    const violations = [{ field: '(path)', rule: 'isDecodable', message: 'must be valid percent-encoded UTF-8' }];
    response.statusCode = 400;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ statusCode: 400, error: 'Bad Request', message: '(path): must be valid percent-encoded UTF-8', violations }));
    return;
  }
  next();
}

/**
 * Express error middleware right after the JSON parser: a body that is not JSON would otherwise be
 * answered by the framework naming nothing. Answered in the services' 400 shape, naming the body.
 */
export function answerUnparsableJson(error: unknown, _request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
  if ((error as { type?: string } | null)?.type !== 'entity.parse.failed') return next(error);
  const violations = [{ field: '(body)', rule: 'isJson', message: 'must be valid JSON (the content-type says application/json)' }];
  response.statusCode = 400;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ statusCode: 400, error: 'Bad Request', message: '(body): must be valid JSON', violations }));
}
