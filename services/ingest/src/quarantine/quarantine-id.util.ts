import { createHash } from 'node:crypto';
import type { RecordViolation } from '../observations/observation.types';

/** The same record refused for the same rules → the same id, so a retried bad request is quarantined once. */
export function quarantineId(kind: string, source: string, recordJson: string, violations: readonly RecordViolation[]): string {
  const rules = violations.map((v) => `${v.field}:${v.rule}`).sort().join(',');
  const digest = createHash('sha256').update(`${kind}|${source}|${recordJson}|${rules}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-b${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
