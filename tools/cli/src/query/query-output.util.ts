import { CliFailureError } from '../cli-failure.error';
import { toCsv } from './csv.util';
import type { QueryRequest } from './query-request.util';
import type { ServiceAnswer } from './service-http.client';

/**
 * What `hashdesk query` prints: JSON is the service's body as it came; CSV is the service's own CSV
 * when it sent one, else the CLI's flattening of the endpoint's rows.
 */
export function renderAnswer(request: QueryRequest, answer: ServiceAnswer): string {
  if (request.format === 'csv' && /^text\/csv\b/i.test(answer.contentType)) return answer.body;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    throw new CliFailureError(`the ${request.endpoint.service} service answered ${request.url} with ${answer.contentType || 'no content type'}, not JSON: is --url pointing at hashdesk?`);
  }
  return request.format === 'json' ? answer.body : toCsv(request.endpoint.rows(body), request.endpoint.leadingColumns);
}
