import { CliFailureError } from '../cli-failure.error';
import type { QueryRequest } from './query-request.util';

/** What a service answered with a 2xx. */
export interface ServiceAnswer {
  readonly contentType: string;
  readonly body: string;
}

const MESSAGE_CHARS = 500;

/** The service's own words: `code: message` of a JSON error body, else the start of the text. */
export function serviceMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; code?: unknown; error?: unknown };
    const message = Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message ?? parsed.error;
    if (typeof message === 'string') return typeof parsed.code === 'string' ? `${parsed.code}: ${message}` : message;
  } catch {
    // not JSON: the text itself below
  }
  const text = body.trim().replace(/\s+/g, ' ');
  if (text === '') return '(empty body)';
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

/** Why fetch failed, in a word: the connection error code (ECONNREFUSED, ENOTFOUND…) or the timeout. */
function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * GETs the request's URL with its API key. Redirects are not followed: the key would travel with
 * them to wherever they point. Unreachable, timed out, or not 2xx → CliFailureError (exit 1).
 */
export async function getFromService(request: QueryRequest): Promise<ServiceAnswer> {
  const service = request.endpoint.service;
  const headers: Record<string, string> = { accept: request.format === 'csv' && request.endpoint.serviceCsv ? 'text/csv, application/json;q=0.5' : 'application/json' };
  if (request.apiKey) headers['x-api-key'] = request.apiKey;
  let response: Response;
  let body: string;
  try {
    response = await fetch(request.url, { headers, redirect: 'manual', signal: AbortSignal.timeout(request.timeoutMs) });
    body = await response.text();
  } catch (error) {
    throw new CliFailureError(`cannot reach the ${service} service at ${new URL(request.url).origin} (${reason(error, request.timeoutMs)}); is it running? Point --url or --${service}-url at it`);
  }
  if (response.status < 200 || response.status > 299) {
    const redirect = response.status >= 300 && response.status < 400 ? ` (a redirect to ${response.headers.get('location') ?? '?'}: not followed, the API key would go with it; point --url at the final address)` : '';
    throw new CliFailureError(`HTTP ${response.status} from the ${service} service (GET ${request.url}): ${serviceMessage(body)}${redirect}`);
  }
  return { contentType: response.headers.get('content-type') ?? '', body };
}
