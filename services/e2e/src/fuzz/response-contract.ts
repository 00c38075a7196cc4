import { preview } from './body-mutations';
import type { FuzzResult } from './fuzz-runner';
import { knownGapOf } from './known-gaps';

/**
 * What every answer to bad input must be. The services' 400 body (the validation pipe and every
 * exception filter: observation, company profile, risk, subscription) is
 * {statusCode, message, violations: [{field, rule, message}]}: a 400 names a field when violations
 * holds at least one entry and each has a field. The field may be "" when that is what was sent
 * (a key "") or the whole body (the company profile filter's root).
 */
export function namesAField(json: unknown): boolean {
  const violations = (json as { violations?: unknown } | undefined)?.violations;
  return Array.isArray(violations) && violations.length > 0 && violations.every((v) => typeof (v as { field?: unknown })?.field === 'string');
}

export interface Offence {
  /** An offence, or (in the report only) a known gap or an accepted write. */
  kind: string;
  result: FuzzResult;
}

export function offences(results: FuzzResult[]): Offence[] {
  return results.flatMap((result): Offence[] => {
    if (result.status === 0) return [{ kind: 'no answer', result }];
    if (result.status >= 500) return [{ kind: 'server error', result }];
    if (result.status === 400 && !namesAField(result.json) && !knownGapOf(result)) return [{ kind: '400 without a field', result }];
    // Credentials are always sent: a 401, 403 or 429 means the input never reached validation.
    if ([401, 403, 429].includes(result.status)) return [{ kind: 'not authenticated', result }];
    return [];
  });
}

/** One line per offence, enough to reproduce it: the seed, the operation, the case index, the input and the answer. */
export function describeOffence({ kind, result }: Offence, seed: number): string {
  const { request } = result;
  return [
    `${kind}: ${result.status} ${request.method} ${request.target.slice(0, 200)} (seed ${seed}, ${request.operation} case ${result.index})`,
    `  input: ${request.describe.slice(0, 300)}`,
    `  headers: ${preview(request.headers, 160)}${request.body !== undefined ? `; body: ${preview(request.body, 200)}` : ''}`,
    `  answer: ${result.text.slice(0, 300)}`,
  ].join('\n');
}
