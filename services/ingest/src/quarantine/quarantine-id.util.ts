import { derivedUuid } from '@hashdesk/messaging';
import type { RecordViolation } from '../observations/observation.types';

/** The same record refused for the same rules → the same id, so a retried bad request is quarantined once. */
export function quarantineId(kind: string, source: string, recordJson: string, violations: readonly RecordViolation[]): string {
  const rules = violations.map((v) => `${v.field}:${v.rule}`).sort().join(',');
  return derivedUuid([kind, source, recordJson, rules], 'b');
}
